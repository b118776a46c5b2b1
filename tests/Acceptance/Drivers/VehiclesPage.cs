using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>Your vehicles (/vehicles): the list per connection, what a disconnect did, and the links to the cars.</summary>
public sealed class VehiclesPage(BrowserDriver browser)
{
    private static readonly Regex ListAddress = new("/vehicles$");

    private IReadOnlyList<IPage> _tabs = [];

    private IPage Page => browser.Page;

    private ILocator Rows => Page.Locator("table tbody tr");

    public async Task OpenAsync() => await Page.GotoAsync("/vehicles");

    /// <summary>
    /// Waits until the browser is on the list, e.g. back from Connect. Expect polls the address; WaitForURL can miss a
    /// redirect chain that ended before it started listening.
    /// </summary>
    public Task WaitUntilShownAsync() => Expect(Page).ToHaveURLAsync(ListAddress);

    /// <summary>Each listed car's make, model and year, once the list shows.</summary>
    public async Task<IReadOnlyList<string[]>> RowsAsync()
    {
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your vehicles" })).ToBeVisibleAsync();
        await Expect(Rows.First).ToBeVisibleAsync();
        var result = new List<string[]>();
        foreach (var row in await Rows.AllAsync())
        {
            result.Add([.. await row.Locator("td").AllInnerTextsAsync()]);
        }

        return result;
    }

    public Task ExpectCountAsync(int count) => Expect(Rows).ToHaveCountAsync(count);

    public async Task ExpectNoCarAsync() => await Expect(Page.GetByText("You have not connected a car yet.")).ToBeVisibleAsync();

    /// <summary>The list says nothing is connected and shows no row.</summary>
    public async Task ExpectEmptyAsync()
    {
        await ExpectNoCarAsync();
        await Expect(Rows).ToHaveCountAsync(0);
    }

    public Task ExpectAskedToConnectAgainAsync() => Expect(Page.GetByTestId("reconnect")).ToBeVisibleAsync();

    public Task ExpectDisconnectResultAsync(string message) => Expect(Page.GetByTestId("disconnect-result")).ToHaveTextAsync(message);

    /// <summary>Opens the first car of that make, from the list.</summary>
    public async Task OpenCarAsync(string make)
    {
        await OpenAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = make }).First.ClickAsync();
    }

    public async Task StartDisconnectingAllAsync()
    {
        await OpenAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect all cars" }).ClickAsync();
    }

    public async Task StartDisconnectingTheSmartcarAccountAsync()
    {
        await OpenAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect this Smartcar account" }).ClickAsync();
    }

    /// <summary>
    /// Opens the list in <paramref name="count"/> new tabs of the current browser at once. A different address per tab:
    /// Chromium holds back a request for an address another tab is already loading (its cache lock), which would
    /// quietly turn "at once" into "one after the other".
    /// </summary>
    public async Task OpenInTabsAtOnceAsync(int count)
    {
        _tabs = await browser.OpenTabsAsync(count);
        await Task.WhenAll(_tabs.Select((tab, i) => tab.GotoAsync($"/vehicles?tab={i + 1}")));
    }

    /// <summary>Presses "Refresh" in every tab <see cref="OpenInTabsAtOnceAsync"/> opened, at once.</summary>
    public async Task RefreshInEveryTabAtOnceAsync() =>
        await Task.WhenAll(_tabs.Select(tab => tab.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync()));

    /// <summary>Presses "Refresh" (a POST): the app reads every car's make, model and year again.</summary>
    public async Task RefreshAsync()
    {
        await OpenAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(Page.GetByTestId("refresh-result")).ToBeVisibleAsync();
    }

    public Task ExpectRefreshResultAsync(string message) => Expect(Page.GetByTestId("refresh-result")).ToContainTextAsync(message);

    public int TabCount => _tabs.Count;

    public async Task ExpectEveryTabListsAsync(string make)
    {
        _tabs.ShouldNotBeEmpty();
        foreach (var tab in _tabs)
        {
            await Expect(tab.Locator("table tbody tr").First).ToContainTextAsync(make);
        }
    }
}
