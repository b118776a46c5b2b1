using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartcarClean.Infrastructure.KeyRing;

/// <summary>
/// The Data Protection key ring that encrypts the stored tokens: kept in the database (<c>DataProtectionKeys</c>), so
/// every app instance on it reads what another protected (ADR-013), and encrypted at rest with a certificate when
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 file) and <c>DataProtection:CertificatePassword</c> are set.
/// <c>DataProtection:PreviousCertificatePath</c> (+ <c>PreviousCertificatePassword</c>) still reads keys protected with
/// the certificate before, for a rotation. Keys an earlier version kept in <c>keys</c> under the data directory are
/// imported into the database once (<see cref="DatabaseKeyRepository"/>).
/// </summary>
internal static class KeyRingSetup
{
    public const string Section = "DataProtection";

    // Data Protection's own warning for unencrypted keys (several lines per new key) says what ours says once.
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static void AddKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var earlierFolder = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        OwnerOnlyFiles.NarrowFilesIn(earlierFolder);
        var dataProtection = services.AddDataProtection().SetApplicationName("SmartcarClean");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, ILoggerFactory>(
            (options, provider, loggers) => options.XmlRepository = new DatabaseKeyRepository(provider, loggers, earlierFolder));

        var settings = configuration.GetSection(Section);
        if (string.IsNullOrEmpty(settings["CertificatePath"]))
        {
            services.AddHostedService(sp => new KeyRingWarning(sp, _ =>
                "The Data Protection keys in the database are not encrypted at rest: anyone who can read the database can decrypt the stored Smartcar tokens. Set DataProtection:CertificatePath (and CertificatePassword) to protect them."));
            services.Configure<LoggerFilterOptions>(options => options.AddFilter(KeyManagerCategory, LogLevel.Error));
            return;
        }

        // A certificate protects the keys made from now on; keys made before it stay readable until they expire.
        services.AddHostedService(sp => new KeyRingWarning(sp, keys => PlainKeys(keys) is > 0 and var plain
            ? $"{plain} Data Protection key(s) in the database were written before DataProtection:CertificatePath was set and stay unencrypted at rest until they expire (90 days after creation); tokens they protect can be decrypted from a copy of the database."
            : null));

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

    /// <summary>
    /// Makes sure the key ring has a current key once the database is ready. Otherwise the first key would be made while
    /// the first token is saved, inside that save's transaction, and storing it in the same SQLite file would wait for
    /// that transaction to end (a deadlock until SQLite's busy timeout). A key ring that cannot make one is left to the
    /// readiness probe to report (<c>/health/ready</c>).
    /// </summary>
    public static void EnsureCurrentKey(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().EnsureCurrentKey();

    /// <inheritdoc cref="EnsureCurrentKey(IServiceProvider)"/>
    public static void EnsureCurrentKey(this IDataProtectionProvider dataProtection)
    {
        try
        {
            dataProtection.CreateProtector("SmartcarClean.KeyRing.Ready").Protect([1]);
        }
        catch (CryptographicException)
        {
            // Not started over it: /health/ready says the key ring is unusable, and the log says why.
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

    // A key stored without encryption keeps its secret in a <masterKey> element; an encrypted one has EncryptedData.
    private static int PlainKeys(IEnumerable<XElement> keys) =>
        keys.Count(key => key.Descendants().Any(element => element.Name.LocalName == "masterKey"));

    /// <summary>
    /// Says once, at start-up, what is not encrypted at rest, and what to do about it. Reading the key ring here also
    /// imports the keys of an earlier version's folder before the first request.
    /// </summary>
    private sealed class KeyRingWarning(IServiceProvider services, Func<IReadOnlyCollection<XElement>, string?> warning) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var keys = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository!.GetAllElements();
            if (warning(keys) is { } line)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("SmartcarClean.KeyRing").LogWarning("{Warning}", line);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
