using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Starting Connect (/login): the app sends the browser on to Connect, or answers with a page that says why not (a
/// Connect choice it refuses, too many attempts).
/// </summary>
public sealed class LoginPage(BrowserDriver browser)
{
    private IResponse? _lastStart;

    private IPage Page => browser.Page;

    /// <summary>The address bar's way: GET /login. True when the browser arrived at Connect (<paramref name="connectBaseUrl"/>).</summary>
    public async Task<bool> StartConnectByAddressAsync(string connectBaseUrl)
    {
        _lastStart = await Page.GotoAsync("/login");
        return Page.Url.StartsWith(connectBaseUrl, StringComparison.Ordinal);
    }

    /// <summary>
    /// GET /login as the browser would send it (its cookies, following the redirects) but without loading any page:
    /// for starts that are set-up, not the subject. True when the start arrived at Connect (<paramref name="connectBaseUrl"/>).
    /// </summary>
    public async Task<bool> StartConnectWithoutLoadingAsync(string connectBaseUrl)
    {
        var response = await browser.Context.APIRequest.GetAsync("/login");
        return response.Ok && response.Url.StartsWith(connectBaseUrl, StringComparison.Ordinal);
    }

    public Task ExpectRefusedAsync(string message) => Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);

    /// <summary>429 with Retry-After, and a page with <paramref name="title"/> that says how long to wait.</summary>
    public async Task ExpectAskedToWaitAsync(string title)
    {
        _lastStart.ShouldNotBeNull().Status.ShouldBe(429);
        (await _lastStart.HeaderValueAsync("retry-after")).ShouldNotBeNullOrEmpty();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please wait a minute, then try again.");
    }
}
