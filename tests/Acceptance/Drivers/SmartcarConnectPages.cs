using Microsoft.Playwright;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Smartcar Connect's pages, by the element ids Smartcar's own Connect uses (so the same steps could drive the
/// real Connect in test mode): preamble, brand, sign-in, permissions. In the page, or in the pop-up the app opened.
/// </summary>
public sealed class SmartcarConnectPages(BrowserDriver browser)
{
    private IPage Page => browser.ConnectWindow;

    /// <summary>Through Connect to the permissions page; a null make: the app named the brand, so no brand list shows.</summary>
    public async Task SignInAsync(string? make, string email)
    {
        await Page.Locator("#continue-button").ClickAsync();
        if (make is not null)
        {
            await Page.Locator($"button#{make}").ClickAsync();
        }

        await Page.GetByLabel("Email").FillAsync(email);
        // Test mode accepts any password.
        await Page.GetByLabel("Password").FillAsync("any-password");
        await Page.Locator("#sign-in-button").ClickAsync();
    }

    public Task AllowAsync() => Page.Locator("#approval-button").ClickAsync();

    public Task DenyAsync() => Page.Locator("#deny-button").ClickAsync();

    /// <summary>
    /// Presses Allow but keeps the browser from following Connect's redirect: Playwright cannot stop a redirect's
    /// target, so the Allow form's 302 is fetched and held back. Returns the redirect, genuine code and state included.
    /// </summary>
    public async Task<string> AllowButHoldTheRedirectAsync()
    {
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(IsDecision, async route =>
        {
            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            held.TrySetResult(response.Headers["location"]);
            await route.AbortAsync();
        });
        await AllowAsync();
        var redirect = await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Page.UnrouteAsync(IsDecision);
        return redirect;
    }

    private static bool IsDecision(string url) => url.EndsWith("/decision", StringComparison.Ordinal);
}
