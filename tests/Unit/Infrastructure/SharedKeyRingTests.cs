using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The Data Protection key ring in the database (ADR-013): two app instances with data folders of their own and one
/// database file read what the other protected, and keys an earlier version kept in the data folder's <c>keys</c> stay
/// usable after the upgrade, for every instance.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private const string AccessToken = "5b7e2f1c-access-token-value";

    private readonly string _first = Directory.CreateTempSubdirectory("smartcarclean-ring-a-").FullName;
    private readonly string _second = Directory.CreateTempSubdirectory("smartcarclean-ring-b-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_first, "smartcarclean.db")}";

    [Fact]
    public async Task A_token_protected_by_one_instance_is_read_by_another_that_shares_only_the_database()
    {
        await using var first = await StartInstanceAsync(_first);
        var cipher = Protector(first).Protect(AccessToken);

        await using var second = await StartInstanceAsync(_second);

        Protector(second).Unprotect(cipher).ShouldBe(AccessToken);
        Directory.Exists(Path.Combine(_first, "keys")).ShouldBeFalse("the key ring is no longer a folder");
    }

    [Fact]
    public async Task A_token_protected_before_the_upgrade_with_a_key_in_the_keys_folder_still_decrypts_on_every_instance()
    {
        var cipher = ProtectAsTheEarlierVersionDid(Path.Combine(_first, "keys"));

        await using var upgraded = await StartInstanceAsync(_first);
        Protector(upgraded).Unprotect(cipher).ShouldBe(AccessToken);

        // The other instance never saw the folder: the key reached it through the database.
        await using var other = await StartInstanceAsync(_second);
        Protector(other).Unprotect(cipher).ShouldBe(AccessToken);
        await using var scope = other.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_are_imported_from_the_folder_once_however_often_the_app_starts()
    {
        ProtectAsTheEarlierVersionDid(Path.Combine(_first, "keys"));

        for (var start = 0; start < 2; start++)
        {
            await using var app = await StartInstanceAsync(_first);
            Protector(app).Protect("touch the key ring");
        }

        await using var check = await StartInstanceAsync(_first);
        await using var scope = check.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync()).ShouldBe(1);
    }

    // What the app did before the key ring moved into the database: the keys as XML files in <data>/keys.
    private static string ProtectAsTheEarlierVersionDid(string keysFolder)
    {
        using var earlier = new ServiceCollection().AddDataProtection().SetApplicationName("SmartcarClean")
            .PersistKeysToFileSystem(Directory.CreateDirectory(keysFolder)).Services.BuildServiceProvider();
        var cipher = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector(AppDbContext.TokenProtectionPurpose).Protect(AccessToken);
        Directory.GetFiles(keysFolder, "key-*.xml").ShouldHaveSingleItem();
        return cipher;
    }

    private static IDataProtector Protector(IServiceProvider app) =>
        app.GetRequiredService<IDataProtectionProvider>().CreateProtector(AppDbContext.TokenProtectionPurpose);

    private async Task<ServiceProvider> StartInstanceAsync(string dataDirectory)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = ConnectionString };
        var app = new ServiceCollection().AddLogging()
            .AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), dataDirectory)
            .BuildServiceProvider();
        await app.MigrateDatabaseAsync();
        return app;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_first, recursive: true);
        Directory.Delete(_second, recursive: true);
    }
}
