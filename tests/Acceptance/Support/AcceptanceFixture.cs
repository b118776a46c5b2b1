using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// What one test run shares: the emulator on a dynamic port, the real app on a real Kestrel socket pointed at it,
/// and one Chromium. Scenarios get a fresh browser context and a reset emulator each (see <see cref="Hooks"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class AcceptanceFixture : IAsyncLifetime
{
    public const string ClientId = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
    public const string ClientSecret = "acceptance-client-secret";

    // Workers run at the same time; the last one to close ends the test run (runs the [AfterTestRun] hooks).
    private static int _openWorkers;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-acceptance-").FullName;
    private SmartcarEmulator? _emulator;
    private AppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServiceProvider? _services;

    /// <summary>ACCEPTANCE_WORKERS: 1 (default) or 2 workers, each with its own app, emulator and browser.</summary>
    public static int Workers =>
        int.TryParse(Environment.GetEnvironmentVariable("ACCEPTANCE_WORKERS"), out var workers) && workers == 2 ? 2 : 1;

    /// <summary>The test run's shared objects, as step classes and drivers receive them.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        Interlocked.Increment(ref _openWorkers);
        // Smartcar allows http redirect URIs only on "localhost"; the app itself listens on 127.0.0.1.
        var port = FreeLoopbackPort();
        var appUrl = new Uri($"http://localhost:{port}");
        var redirectUri = new Uri(appUrl, "/exchange").AbsoluteUri;
        var emulatorOptions = new EmulatorOptions();
        emulatorOptions.Applications.Add(new RegisteredApplication(ClientId, ClientSecret, [redirectUri]));
        _emulator = SmartcarEmulator.Start(emulatorOptions);

        var logs = new CapturedLogs();
        _app = new AppFactory(_emulator, redirectUri, _dataDirectory, logs);
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app.StartServer();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = Environment.GetEnvironmentVariable("HEADED") != "1",
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });

        _services = new ServiceCollection()
            .AddSingleton(_emulator)
            .AddSingleton(_browser)
            .AddSingleton(logs)
            .AddSingleton(new AppUnderTest(appUrl, redirectUri))
            .AddSingleton(AcceptanceArtifacts.FromEnvironment())
            .BuildServiceProvider();
        await ScenarioRunner.Default.BeforeTestRunAsync(_services);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            if (Interlocked.Decrement(ref _openWorkers) == 0)
            {
                await ScenarioRunner.Default.AfterTestRunAsync(_services);
            }

            await _services.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _emulator?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    // The redirect URI must be registered before the app starts, so the app's port is chosen up front.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AppFactory(SmartcarEmulator emulator, string redirectUri, string dataDirectory, CapturedLogs logs)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var emulatorUrl = emulator.BaseUrl;
            builder.UseSetting("Emulator:Enabled", "false");
            builder.UseSetting("DataDirectory", dataDirectory);
            builder.UseSetting("Smartcar:ClientId", ClientId);
            builder.UseSetting("Smartcar:ClientSecret", ClientSecret);
            builder.UseSetting("Smartcar:RedirectUri", redirectUri);
            builder.UseSetting("Smartcar:ConnectBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:AuthBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:ApiBaseUrl", emulatorUrl);
            // Everything the app logs, at every level, is kept so a scenario can check no token was ever logged.
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
            builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs));
            // The app and Smartcar share one clock, so a scenario can let hours or days pass for both at once.
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(emulator.Clock);
                // ...except the sign-in cookie, which keeps to the wall clock: the shared clock stands for Smartcar's
                // token lifetimes, and "60 days pass" must not also end the 14-day sign-in of the scenario's user.
                services.Configure<CookieAuthenticationOptions>(
                    IdentityConstants.ApplicationScheme, options => options.TimeProvider = TimeProvider.System);
            });
        }
    }
}

/// <summary>Where the app under test listens, and the redirect URI it registered with the emulator.</summary>
public sealed record AppUnderTest(Uri BaseUrl, string RedirectUri);
