using Microsoft.Playwright;
using Reqnroll;
using SmartcarClean.Acceptance.Support;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// One scenario's browsers: each a fresh context (its own cookies, none from other scenarios) with a Playwright trace,
/// kept with a screenshot only when the scenario fails. Most scenarios use one; a scenario about two people, or one
/// person on two devices, opens a second and switches between them. Every driver works on the current one.
/// </summary>
public sealed class BrowserDriver(
    FreshBrowsers browsers,
    AppUnderTest app,
    AcceptanceArtifacts artifacts,
    FeatureContext feature,
    ScenarioContext scenario,
    IReqnrollOutputHelper output)
{
    private readonly List<(IBrowserContext Context, IPage Page)> _browsers = [];
    private int _current;
    private IPage? _popup;

    public IPage Page => Current.Page;

    public IBrowserContext Context => Current.Context;

    /// <summary>The window Smartcar Connect is in: the pop-up the app opened for it while that is open, else the page.</summary>
    public IPage ConnectWindow => _popup is { IsClosed: false } popup ? popup : Page;

    /// <summary>From now on Connect is in <paramref name="popup"/> (until it closes).</summary>
    public void UsePopup(IPage popup) => _popup = popup;

    private (IBrowserContext Context, IPage Page) Current =>
        _browsers.Count > 0 ? _browsers[_current] : throw new InvalidOperationException("The browser has not started.");

    public Task StartAsync() => OpenAnotherBrowserAsync();

    /// <summary>Opens another browser (no cookies shared with the others) and makes it the current one.</summary>
    public async Task OpenAnotherBrowserAsync()
    {
        _browsers.Add(await browsers.OpenAsync(app.BaseUrl));
        _current = _browsers.Count - 1;
    }

    /// <summary>Opens more tabs in the current browser: they share its cookies, so its signed-in user.</summary>
    public async Task<IReadOnlyList<IPage>> OpenTabsAsync(int count)
    {
        var tabs = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            tabs.Add(await Context.NewPageAsync());
        }

        return tabs;
    }

    /// <summary>Makes the n-th browser opened in this scenario (1 for the first) the current one.</summary>
    public void SwitchTo(int number) => _current = number - 1;

    /// <summary>Where the current page is, as the address bar shows it.</summary>
    public Uri Address => new(Page.Url);

    /// <summary>Opens an address as if typed into the address bar (a path is on the app).</summary>
    public async Task GoToAsync(string url) => await Page.GotoAsync(url);

    /// <summary>Opens a path of the app and returns the response's headers (names in lower case).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HeadersOfAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"{path} gave no response.");
        return await response.AllHeadersAsync();
    }

    /// <summary>The current page's HTML as the browser holds it now.</summary>
    public Task<string> PageSourceAsync() => Page.ContentAsync();

    /// <summary>The current browser's cookies.</summary>
    public async Task<IReadOnlyList<BrowserCookie>> CookiesAsync() =>
        [.. (await Context.CookiesAsync()).Select(c => new BrowserCookie(c.Name, c.Value, c.HttpOnly))];

    /// <summary>Puts cookies into the current browser, for the app's address, as if the app had set them.</summary>
    public Task AddCookiesAsync(IEnumerable<BrowserCookie> cookies) =>
        Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, HttpOnly = c.HttpOnly, Url = app.BaseUrl.AbsoluteUri }));

    /// <summary>
    /// Closes the scenario's browsers, keeping a full-page screenshot and the trace of each one of a failed scenario,
    /// attached to its report.
    /// </summary>
    public async Task StopAsync()
    {
        for (var i = 0; i < _browsers.Count; i++)
        {
            var (context, page) = _browsers[i];
            if (scenario.TestError is null)
            {
                await context.Tracing.StopAsync();
                await context.DisposeAsync();
                continue;
            }

            var folder = artifacts.ScenarioFolder(feature.FeatureInfo, scenario.ScenarioInfo);
            var suffix = i == 0 ? string.Empty : $"-{i + 1}";
            var screenshot = Path.Combine(folder, $"screenshot{suffix}.png");
            var trace = Path.Combine(folder, $"trace{suffix}.zip");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
            await context.DisposeAsync();
            output.AddAttachment(screenshot);
            output.AddAttachment(trace);
        }
    }
}

/// <summary>A cookie as a browser keeps it, without Playwright's types, for steps and support classes.</summary>
public sealed record BrowserCookie(string Name, string Value, bool HttpOnly);
