using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The web app in a test host with a database and key ring of its own (a temporary folder, deleted afterwards). A
/// derived app says what else its tests need in <see cref="Configure"/>.
/// </summary>
public abstract class TestWebApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-web-").FullName;

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", _dataDirectory);
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
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
