using Microsoft.Playwright;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>The confirmation pages before a disconnect: one car, all cars, or a Smartcar account.</summary>
public sealed class DisconnectPage(BrowserDriver browser)
{
    public Task ConfirmCarAsync() => ConfirmAsync("Yes, disconnect");

    public Task ConfirmAllCarsAsync() => ConfirmAsync("Yes, disconnect all");

    public Task ConfirmSmartcarAccountAsync() => ConfirmAsync("Yes, disconnect the account");

    private Task ConfirmAsync(string button) => browser.Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
}
