using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartcarClean.Application.Options;
using SmartcarClean.Unit.Databases;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The web app in a test host with a database and key ring of its own (a temporary folder, deleted afterwards): by
/// default the SQLite file the app makes in it, or a fresh PostgreSQL database. A derived app says what else its tests
/// need in <see cref="Configure"/>.
/// </summary>
/// <param name="engine">The app's database engine.</param>
/// <param name="emptyDatabase">A PostgreSQL database with nothing in it, which the app migrates (a SQLite file always starts so).</param>
public abstract class TestWebApp(DatabaseProvider engine = DatabaseProvider.Sqlite, bool emptyDatabase = false) : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-web-").FullName;

    /// <summary>The app's database; null until the app is built.</summary>
    internal TestDatabase? Database { get; private set; }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", _dataDirectory);
        Database = TestDatabase.Create(engine, _dataDirectory, emptyDatabase);
        if (engine != DatabaseProvider.Sqlite)
        {
            // SQLite keeps the app's default, the file in the data folder.
            foreach (var (name, value) in Database.Settings)
            {
                builder.UseSetting(name, value);
            }
        }

        // The test host has no client address: every test's requests count as one address, which would soon meet the
        // per-address limits (RateLimitTests sets low ones for its own app). The per-user limits keep their defaults.
        foreach (var action in new[] { "SignIn", "Register", "StartConnect", "Exchange" })
        {
            builder.UseSetting($"RateLimits:{action}:PerAddress", "100000");
        }

        Configure(builder);
    }

    /// <summary>The settings and services of this test app.</summary>
    protected abstract void Configure(IWebHostBuilder builder);

    /// <summary>
    /// Smartcar settings given in full, as for real Smartcar, so that no test depends on the Development demo client or
    /// its embedded emulator. Settings given after these win.
    /// </summary>
    protected static void UseTestSmartcarSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Emulator:Enabled", "false");
        builder.UseSetting("Smartcar:ClientId", "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
        builder.UseSetting("Smartcar:ClientSecret", "web-tests-client-secret");
        builder.UseSetting("Smartcar:RedirectUri", "http://localhost:8000/exchange");
        builder.UseSetting("Smartcar:PopupRedirectUri", "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Called from both Dispose and DisposeAsync.
        if (Directory.Exists(_dataDirectory))
        {
            Database?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
