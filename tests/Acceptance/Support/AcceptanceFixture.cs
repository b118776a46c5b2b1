using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartcarClean.Application.Common;
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

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-acceptance-").FullName;
    private readonly CapturedLogs _logs = new();
    private SmartcarEmulator? _emulator;
    private TestApps? _apps;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServiceProvider? _services;

    /// <summary>The test run's shared objects, as step classes and drivers receive them.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
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
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
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

