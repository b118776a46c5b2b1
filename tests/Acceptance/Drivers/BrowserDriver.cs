using Microsoft.Playwright;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Support;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// One scenario's browser: a fresh context (no cookies from other scenarios) with a Playwright trace, kept with a
/// screenshot only when the scenario fails.
/// </summary>
public sealed class BrowserDriver(IBrowser browser, AppUnderTest app, ScenarioContext scenario) : IAsyncDisposable
{
    private IBrowserContext? _context;
    private IPage? _page;

    public IPage Page => _page ?? throw new InvalidOperationException("The browser has not started.");

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser has not started.");

    public async Task StartAsync()
    {
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl.AbsoluteUri });
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        _page = await _context.NewPageAsync();
    }

    /// <summary>Keeps a full-page screenshot and the trace of a failed scenario under TestResults/acceptance.</summary>
    public async Task StopAsync()
    {
        if (_context is null)
        {
            return;
        }

        if (scenario.TestError is null)
        {
            await _context.Tracing.StopAsync();
            return;
        }

        var folder = Path.Combine(ArtifactsRoot, SafeName(scenario.ScenarioInfo.Title));
        Directory.CreateDirectory(folder);
        if (_page is not null)
        {
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "screenshot.png"), FullPage = true });
        }

        await _context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, "trace.zip") });
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private static string ArtifactsRoot =>
        Environment.GetEnvironmentVariable("ACCEPTANCE_ARTIFACTS")
        ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "acceptance");

    private static string SafeName(string title) =>
        string.Concat(title.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
}
