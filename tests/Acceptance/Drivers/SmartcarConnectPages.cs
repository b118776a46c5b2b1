using Microsoft.Playwright;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Smartcar Connect's pages, by the element ids Smartcar's own Connect uses (so the same steps could drive the
/// real Connect in test mode): preamble, brand, sign-in, permissions.
/// </summary>
public sealed class SmartcarConnectPages(BrowserDriver browser)
{
    private IPage Page => browser.Page;

    public async Task SignInAsync(string make, string email)
    {
        await Page.Locator("#continue-button").ClickAsync();
        await Page.Locator($"button#{make}").ClickAsync();
        await Page.GetByLabel("Email").FillAsync(email);
        // Test mode accepts any password.
        await Page.GetByLabel("Password").FillAsync("any-password");
        await Page.Locator("#sign-in-button").ClickAsync();
    }

    public Task AllowAsync() => Page.Locator("#approval-button").ClickAsync();

    public Task DenyAsync() => Page.Locator("#deny-button").ClickAsync();
}
