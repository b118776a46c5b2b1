using Microsoft.Playwright;
using SmartcarClean.Acceptance.Support;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>The app's own account pages (register, sign in, change password) and the header's account links.</summary>
public sealed class AccountPages(BrowserDriver browser)
{
    private IPage Page => browser.Page;

    public async Task RegisterAsync(AppAccount account)
    {
        await Page.GotoAsync("/account/register");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await Page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await ExpectSignedInAsync(account);
    }

    public async Task SignInAsync(AppAccount account)
    {
        await Page.GotoAsync("/account/signin");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectSignedInAsync(account);
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>From the link in the page's header, as a user finds it; the account's new password is returned.</summary>
    public async Task<AppAccount> ChangePasswordAsync(AppAccount account)
    {
        var changed = account with { Password = TestData.NewPassword() };
        await Page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Page.GetByLabel("Current password", new() { Exact = true }).FillAsync(account.Password);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(changed.Password);
        await Page.GetByLabel("Confirm new password", new() { Exact = true }).FillAsync(changed.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        return changed;
    }

    public async Task ExpectPasswordChangedAsync(AppAccount account)
    {
        await Expect(Page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await ExpectSignedInAsync(account);
    }

    /// <summary>The sign-in page shows in place of the vehicles, and none of them shows.</summary>
    public async Task ExpectAskedToSignInAsync()
    {
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        new Uri(Page.Url).AbsolutePath.ShouldBe("/account/signin");
        await Expect(Page.Locator("table")).ToHaveCountAsync(0);
    }

    private Task ExpectSignedInAsync(AppAccount account) => Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync(account.Email);
}
