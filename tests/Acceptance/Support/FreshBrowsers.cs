using Microsoft.Playwright;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// New browser contexts for the scenarios, each a browser of its own (no cookies, no storage) with a Playwright trace
/// running, on the one Chromium of the run. A context's first page starts a renderer process, the slowest part of a
/// new context (about 0.4 s on this machine), so the next one for the same app is made while the scenario runs. Each
/// context serves one scenario only and is closed after it.
/// </summary>
public sealed class FreshBrowsers(IBrowser chromium) : IAsyncDisposable
{
    private readonly Dictionary<Uri, Task<(IBrowserContext Context, IPage Page)>> _next = [];

    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(Uri appBaseUrl)
    {
        var opened = await (_next.Remove(appBaseUrl, out var made) ? made : CreateAsync(appBaseUrl));
        _next[appBaseUrl] = CreateAsync(appBaseUrl);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var made in _next.Values)
        {
            await (await made).Context.DisposeAsync();
        }

        _next.Clear();
    }

    private async Task<(IBrowserContext Context, IPage Page)> CreateAsync(Uri appBaseUrl)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = appBaseUrl.AbsoluteUri });
        // DOM snapshots before and after each action, no screencast: a screencast encodes frames all the time (about
        // 40 % more CPU per page load here), and a failed scenario keeps a full-page screenshot of its own.
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = true, Sources = false });
        return (context, await context.NewPageAsync());
    }
}
