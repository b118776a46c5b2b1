using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class LimitSteps(BrowserDriver browser, SmartcarEmulator smartcar)
{
    private IResponse? _lastStart;

    private IPage Page => browser.Page;

    [When("I start Connect {int} times in a row")]
    public async Task WhenIStartConnectTimesInARow(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await StartConnectAsync();
            Page.Url.ShouldStartWith(smartcar.BaseUrl, customMessage: $"start {i + 1} must reach Connect");
        }
    }

    [When("I start Connect once more")]
    public Task WhenIStartConnectOnceMore() => StartConnectAsync();

    [Then("I am asked to wait: {string}")]
    public async Task ThenIAmAskedToWait(string title)
    {
        _lastStart.ShouldNotBeNull().Status.ShouldBe(429);
        (await _lastStart.HeaderValueAsync("retry-after")).ShouldNotBeNullOrEmpty();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please wait a minute, then try again.");
    }

    // The address bar's way: GET /login, which starts Connect and redirects there.
    private async Task StartConnectAsync() => _lastStart = await Page.GotoAsync("/login");
}
