using Microsoft.Playwright;
using SmartcarClean.Application.Options;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// What one test run shares: the emulator on a dynamic port, the real app on a real Kestrel socket pointed at it
/// (see <see cref="TestApps"/>), and one Chromium. Started and stopped by <see cref="TestRunHooks"/>; scenarios get a
/// fresh browser context and a reset emulator each (see <see cref="Hooks"/>).
/// </summary>
public sealed class TestRun : IAsyncDisposable
{
    public const string ClientId = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
    public const string ClientSecret = "acceptance-client-secret";

    private readonly string _dataDirectory;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private TestRun(string dataDirectory, SmartcarEmulator emulator, TestApps apps, CapturedLogs logs, IPlaywright playwright, IBrowser browser)
    {
        _dataDirectory = dataDirectory;
        _playwright = playwright;
        Emulator = emulator;
        Apps = apps;
        Logs = logs;
        _browser = browser;
        Browsers = new FreshBrowsers(browser);
    }

    public SmartcarEmulator Emulator { get; }

    public TestApps Apps { get; }

    public CapturedLogs Logs { get; }

    /// <summary>A new browser context for each scenario, on the run's one Chromium.</summary>
    public FreshBrowsers Browsers { get; }

    public static async Task<TestRun> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-acceptance-").FullName;
        var logs = new CapturedLogs();
        var classic = TestApps.Plan(ConnectFlow.Classic);
        var serverSide = TestApps.Plan(ConnectFlow.ServerSide);
        var emulatorOptions = new EmulatorOptions();
        emulatorOptions.Applications.Add(new RegisteredApplication(
            ClientId, ClientSecret, [classic.RedirectUri, classic.PopupRedirectUri, serverSide.RedirectUri, serverSide.PopupRedirectUri]));
        var emulator = SmartcarEmulator.Start(emulatorOptions);
        var apps = new TestApps(emulator, dataDirectory, logs, classic, serverSide);

        var playwright = await Playwright.CreateAsync();
        var headless = Environment.GetEnvironmentVariable("HEADED") != "1";
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(headless),
            Headless = headless,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return new TestRun(dataDirectory, emulator, apps, logs, playwright, browser);
    }

    /// <summary>
    /// Headless, Debian's chromium-headless-shell (Chromium's "old headless" build, which Playwright itself runs for
    /// headless tests): the full chromium binary in headless mode is the whole desktop browser without a window and
    /// needs about twice the CPU for each page (measured: 24 page loads took 3.5 s of CPU in it, 1.7 s in the shell).
    /// Headed, the full chromium. <c>$CHROMIUM_PATH</c> names another binary for both.
    /// </summary>
    private static string ChromiumPath(bool headless) =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path
        : headless ? "/usr/bin/chromium-headless-shell"
        : "/usr/bin/chromium";

    public async ValueTask DisposeAsync()
    {
        await Browsers.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Apps.DisposeAsync();
        Emulator.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
