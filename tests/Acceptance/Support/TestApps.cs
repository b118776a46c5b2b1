using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reqnroll;
using SmartcarClean.Application.Options;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// The real app on real Kestrel sockets, once per Connect flow: the classic flow (the default, started with the run)
/// and the server-side flow (started when the first <c>@server-side</c> scenario needs it). Both talk to the run's
/// emulator and log into the run's <see cref="CapturedLogs"/>.
/// </summary>
public sealed class TestApps(
    SmartcarEmulator emulator, string dataDirectory, CapturedLogs logs, TestApps.PlannedApp classic, TestApps.PlannedApp serverSide)
    : IAsyncDisposable
{
    /// <summary>The scenario tag that runs a scenario against the app configured for Smartcar's server-side flow.</summary>
    public const string ServerSideTag = "server-side";

    private readonly Lazy<AppFactory> _classic = new(() => Start(emulator, dataDirectory, logs, classic));
    private readonly Lazy<AppFactory> _serverSide = new(() => Start(emulator, dataDirectory, logs, serverSide));

    /// <summary>An app's flow and where it will listen; its redirect URIs must be registered before it starts.</summary>
    public sealed record PlannedApp(ConnectFlow Flow, Uri BaseUrl, string RedirectUri, string PopupRedirectUri);

    /// <summary>Smartcar allows http redirect URIs only on "localhost"; the app itself listens on 127.0.0.1.</summary>
    public static PlannedApp Plan(ConnectFlow flow)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var baseUrl = new Uri($"http://localhost:{((IPEndPoint)listener.LocalEndpoint).Port}");
        // Connect in a pop-up ends on Smartcar's JavaScript SDK page, which the emulator serves in its stead.
        var popupRedirectUri = $"https://javascript-sdk.smartcar.com/v2/redirect?app_origin={baseUrl.GetLeftPart(UriPartial.Authority)}";
        return new PlannedApp(flow, baseUrl, new Uri(baseUrl, "/exchange").AbsoluteUri, popupRedirectUri);
    }

    /// <summary>The app a scenario runs against, started if it is not yet.</summary>
    public PlannedApp For(ScenarioInfo scenario)
    {
        _ = Started(scenario);
        return IsServerSide(scenario) ? serverSide : classic;
    }

    /// <summary>The services of the app a scenario runs against, as the app itself resolves them.</summary>
    public IServiceProvider ServicesFor(ScenarioInfo scenario) => Started(scenario).Services;

    private AppFactory Started(ScenarioInfo scenario) => (IsServerSide(scenario) ? _serverSide : _classic).Value;

    private static bool IsServerSide(ScenarioInfo scenario) => scenario.CombinedTags.Contains(ServerSideTag);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _classic, _serverSide }.Where(a => a.IsValueCreated))
        {
            await app.Value.DisposeAsync();
        }
    }

    private static AppFactory Start(SmartcarEmulator emulator, string dataDirectory, CapturedLogs logs, PlannedApp plan)
    {
        var app = new AppFactory(emulator, plan, Path.Combine(dataDirectory, plan.Flow.ToString()), logs);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, plan.BaseUrl.Port));
        app.StartServer();
        return app;
    }

    private sealed class AppFactory(SmartcarEmulator emulator, PlannedApp plan, string dataDirectory, CapturedLogs logs)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var emulatorUrl = emulator.BaseUrl;
            builder.UseSetting("Emulator:Enabled", "false");
            builder.UseSetting("DataDirectory", dataDirectory);
            builder.UseSetting("Smartcar:Flow", plan.Flow.ToString());
            builder.UseSetting("Smartcar:ClientId", TestRun.ClientId);
            builder.UseSetting("Smartcar:ClientSecret", TestRun.ClientSecret);
            builder.UseSetting("Smartcar:RedirectUri", plan.RedirectUri);
            builder.UseSetting("Smartcar:ConnectBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:AuthBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:ApiBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:ApplicationAuthBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:VehicleApiBaseUrl", emulatorUrl);
            builder.UseSetting("Smartcar:PopupRedirectUri", plan.PopupRedirectUri);
            builder.UseSetting("Smartcar:JavaScriptSdkBaseUrl", emulatorUrl);
            // Abuse limits. Every scenario's browser comes from 127.0.0.1, so per address the whole suite is one very
            // busy client (about 60 sign-ups and many Connect starts in one run): the per-address limits are raised to
            // what the suite needs, and only those. The per-user limits keep their defaults (AbuseLimits.feature).
            foreach (var action in new[] { "SignIn", "Register", "StartConnect", "Exchange" })
            {
                builder.UseSetting($"RateLimits:{action}:PerAddress", "100000");
            }

            // Everything the app logs, at every level, is kept so a scenario can check no token was ever logged.
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
            builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs));
            // The app and Smartcar share one clock, so a scenario can let hours or days pass for both at once (the app
            // keeps its sign-in on the wall clock itself, so "60 days pass" does not end the scenario user's sign-in).
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(emulator.Clock));
        }
    }
}

/// <summary>The app this scenario runs against (by its tags), and the redirect URI that app registered with the emulator.</summary>
public sealed class AppUnderTest(TestApps apps, ScenarioInfo scenario)
{
    private readonly TestApps.PlannedApp _app = apps.For(scenario);

    public Uri BaseUrl => _app.BaseUrl;

    public string RedirectUri => _app.RedirectUri;

    /// <summary>The app's own service provider, for what a scenario sets up without the browser.</summary>
    public IServiceProvider Services => apps.ServicesFor(scenario);
}
