using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>The app's own pages, found the way a person finds them: by role, label and text.</summary>
public sealed class AppPages(BrowserDriver browser)
{
    private IPage Page => browser.Page;

    public async Task OpenHomeAsync() => await Page.GotoAsync("/");

    public Task StartConnectAsync() => Page.GetByRole(AriaRole.Link, new() { Name = "Connect your car" }).ClickAsync();

    public async Task<IReadOnlyList<string[]>> VehicleRowsAsync()
    {
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your vehicles" })).ToBeVisibleAsync();
        var rows = Page.Locator("table tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var result = new List<string[]>();
        foreach (var row in await rows.AllAsync())
        {
            result.Add([.. await row.Locator("td").AllInnerTextsAsync()]);
        }

        return result;
    }

    public Task ExpectConnectFailureAsync(string title) => Expect(Page.GetByTestId("connect-failure")).ToHaveTextAsync(title);

    public Task ExpectConnectFailureDetailAsync(string text) => Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(text);

    public Task ExpectRetryOfferedAsync() => Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Try again" })).ToHaveAttributeAsync("href", "/login");
}
