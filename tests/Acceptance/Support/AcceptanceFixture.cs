using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Application.Options;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// What one test run shares: the emulator on a dynamic port, the real app on a real Kestrel socket pointed at it
/// (see <see cref="TestApps"/>), and one Chromium. Scenarios get a fresh browser context and a reset emulator each (see <see cref="Hooks"/>).
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
    private readonly CapturedLogs _logs = new();
    private SmartcarEmulator? _emulator;
    private TestApps? _apps;
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
        var classic = TestApps.Plan(ConnectFlow.Classic);
        var serverSide = TestApps.Plan(ConnectFlow.ServerSide);
        var emulatorOptions = new EmulatorOptions();
        emulatorOptions.Applications.Add(new RegisteredApplication(
            ClientId, ClientSecret, [classic.RedirectUri, classic.PopupRedirectUri, serverSide.RedirectUri, serverSide.PopupRedirectUri]));
        _emulator = SmartcarEmulator.Start(emulatorOptions);
        _apps = new TestApps(_emulator, _dataDirectory, _logs, classic, serverSide);

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
            .AddSingleton(_logs)
            .AddSingleton(_apps)
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
        if (_apps is not null)
        {
            await _apps.DisposeAsync();
        }

        _emulator?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

