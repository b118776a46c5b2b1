using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The key ring encrypted at rest with a certificate (<c>DataProtection:CertificatePath</c>), on a real SQLite file and
/// a real key ring directory, with self-signed certificates made here.
/// </summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const string AccessToken = "5b7e2f1c-access-token-value";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-cert-").FullName;

    [Fact]
    public async Task With_a_certificate_the_keys_in_the_database_hold_no_plain_key_and_tokens_still_read_after_a_restart()
    {
        var certificate = CreateCertificate("first", "first-password");
        await StoreConnectionAsync(Settings(certificate, "first-password"));

        await using (var app = StartApp(Settings(certificate, "first-password")))
        await using (var scope = app.CreateAsyncScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(k => k.Contains("EncryptedData") && !k.Contains("<value>"));
        }

        (await ReadAccessTokenAsync(Settings(certificate, "first-password"))).ShouldBe(AccessToken);
    }

    [Fact]
    public async Task After_a_rotation_the_previous_certificate_still_reads_the_keys_it_protected()
    {
        var first = CreateCertificate("first", "first-password");
        var second = CreateCertificate("second", "second-password");
        await StoreConnectionAsync(Settings(first, "first-password"));

        var rotated = Settings(second, "second-password");
        rotated["DataProtection:PreviousCertificatePath"] = first;
        rotated["DataProtection:PreviousCertificatePassword"] = "first-password";

        (await ReadAccessTokenAsync(rotated)).ShouldBe(AccessToken);
    }

    [Fact]
    public async Task Keys_written_before_the_certificate_was_set_are_named_at_start_up_as_still_unencrypted()
    {
        await StoreConnectionAsync([]);
        var certificate = CreateCertificate("first", "first-password");
        var logs = new Web.CapturedLogs();

        await using var app = StartApp(Settings(certificate, "first-password"), logs);
        foreach (var hosted in app.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        logs.Lines.ShouldContain(line => line.Level == LogLevel.Warning && line.Message.Contains("1 Data Protection key"));
    }

    private static Dictionary<string, string?> Settings(string certificatePath, string password) => new()
    {
        ["DataProtection:CertificatePath"] = certificatePath,
        ["DataProtection:CertificatePassword"] = password,
    };

    private async Task StoreConnectionAsync(Dictionary<string, string?> settings)
    {
        await using var app = StartApp(settings);
        await app.MigrateDatabaseAsync();
        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Connections.Add(Connection.Create("browser-a", TokenSet.Issued(AccessToken, "refresh", 7200, now), ["v-1"], now));
        await db.SaveChangesAsync();
    }

    private async Task<string> ReadAccessTokenAsync(Dictionary<string, string?> settings)
    {
        await using var app = StartApp(settings);
        await using var scope = app.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Connections.SingleAsync()).Tokens.AccessToken;
    }

    private string CreateCertificate(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=SmartcarClean key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_dataDirectory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private ServiceProvider StartApp(Dictionary<string, string?> settings, ILoggerProvider? logs = null) =>
        new ServiceCollection().AddLogging(logging => { if (logs is not null) { logging.AddProvider(logs); } })
            .AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _dataDirectory)
            .BuildServiceProvider();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
