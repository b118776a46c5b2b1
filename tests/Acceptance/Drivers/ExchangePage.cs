using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>
/// Where Connect sends the owner back (/exchange): on success the app moves on to the vehicles; otherwise it says what
/// happened. Connect in a pop-up shows the same explanation in the home page.
/// </summary>
public sealed class ExchangePage(BrowserDriver browser)
{
    private IPage Page => browser.Page;

    public Task ExpectFailureAsync(string title) => Expect(Failure).ToHaveTextAsync(title);

    public Task ExpectNoFailureAsync() => Expect(Failure).ToHaveCountAsync(0);

    public Task ExpectFailureDetailAsync(string text) => Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(text);

    public Task ExpectRetryOfferedAsync() => Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Try again" })).ToHaveAttributeAsync("href", "/login");

    private ILocator Failure => Page.GetByTestId("connect-failure");
}
