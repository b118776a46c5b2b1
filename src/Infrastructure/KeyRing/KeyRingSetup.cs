using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartcarClean.Infrastructure.KeyRing;

/// <summary>
/// The Data Protection key ring that encrypts the stored tokens: persisted in <c>keys</c> under the data directory so
/// tokens survive a restart, owner-only on Unix, and encrypted at rest with a certificate when
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 file) and <c>DataProtection:CertificatePassword</c> are set.
/// <c>DataProtection:PreviousCertificatePath</c> (+ <c>PreviousCertificatePassword</c>) still reads keys protected with
/// the certificate before, for a rotation.
/// </summary>
internal static class KeyRingSetup
{
    public const string Section = "DataProtection";

    // Data Protection's own warning for unencrypted keys (several lines per new key) says what ours says once.
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static void AddKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var keys = OwnerOnlyFiles.CreateDirectory(Path.Combine(dataDirectory, "keys"));
        OwnerOnlyFiles.NarrowFilesIn(keys);
        var dataProtection = services.AddDataProtection().SetApplicationName("SmartcarClean");
        services.AddOptions<KeyManagementOptions>().Configure<ILoggerFactory>(
            (options, loggers) => options.XmlRepository = new OwnerOnlyKeyRepository(keys, loggers));

        var settings = configuration.GetSection(Section);
        if (string.IsNullOrEmpty(settings["CertificatePath"]))
        {
            services.AddHostedService(sp => new KeyRingWarning(sp.GetRequiredService<ILoggerFactory>(),
                $"The Data Protection keys in {keys.FullName} are not encrypted at rest: anyone who can read them and the database can decrypt the stored Smartcar tokens. Set DataProtection:CertificatePath (and CertificatePassword) to protect them."));
            services.Configure<LoggerFilterOptions>(options => options.AddFilter(KeyManagerCategory, LogLevel.Error));
            return;
        }

        // A certificate protects the keys made from now on; keys made before it stay readable until they expire.
        if (PlainKeyFiles(keys) is > 0 and var plain)
        {
            services.AddHostedService(sp => new KeyRingWarning(sp.GetRequiredService<ILoggerFactory>(),
                $"{plain} Data Protection key(s) in {keys.FullName} were written before DataProtection:CertificatePath was set and stay unencrypted at rest until they expire (90 days after creation); tokens they protect can be decrypted from a copy of the data folder."));
        }

        try
        {
            var current = Load(settings, "CertificatePath", "CertificatePassword");
            X509Certificate2[] readable = string.IsNullOrEmpty(settings["PreviousCertificatePath"])
                ? [current]
                : [current, Load(settings, "PreviousCertificatePath", "PreviousCertificatePassword")];
            dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(readable);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Refuse to start with a clear line (Program prints an OptionsValidationException's failures, no stack trace).
            services.AddOptions<KeyRingCertificate>().Validate(_ => false, e.Message).ValidateOnStart();
        }
    }

    private static X509Certificate2 Load(IConfiguration settings, string pathKey, string passwordKey)
    {
        var path = settings[pathKey]!;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings[passwordKey]);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException("it has no private key, so it cannot decrypt the keys it protects");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"{Section}:{pathKey} '{path}' cannot be used to protect the key ring: {e.Message.TrimEnd('.')}.", e);
        }
    }

    /// <summary>Stands for the certificate settings in options validation; it has no values of its own.</summary>
    private sealed class KeyRingCertificate;

    /// <summary>The file system repository, with every key file it writes narrowed to its owner.</summary>
    private sealed class OwnerOnlyKeyRepository(DirectoryInfo directory, ILoggerFactory loggers) : IXmlRepository
    {
        private readonly FileSystemXmlRepository _files = new(directory, loggers);

        public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

        public void StoreElement(XElement element, string friendlyName)
        {
            _files.StoreElement(element, friendlyName);
            OwnerOnlyFiles.NarrowFilesIn(directory);
        }
    }

    // A key stored without encryption keeps its secret in a <masterKey> element; an encrypted one has EncryptedData.
    private static int PlainKeyFiles(DirectoryInfo keys) =>
        keys.GetFiles("*.xml").Count(file => File.ReadAllText(file.FullName).Contains("<masterKey", StringComparison.Ordinal));

    /// <summary>Says once, at start-up, that keys are not encrypted at rest, and what to do about it.</summary>
    private sealed class KeyRingWarning(ILoggerFactory loggers, string warning) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            loggers.CreateLogger("SmartcarClean.KeyRing").LogWarning("{Warning}", warning);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
