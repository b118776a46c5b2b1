using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>A car's page (/vehicles/{id}): its readings, Lock and Unlock, and the links to connect again or disconnect it.</summary>
public sealed class VehiclePage(BrowserDriver browser)
{
    private static readonly Regex Vin = new("^[A-Z0-9]{17}\\b");

    private IPage Page => browser.Page;

    public Task ExpectCarAsync(string make) => Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(make);

    /// <summary>VIN, odometer (in km, with when it was recorded), location, battery and doors all show.</summary>
    public async Task ExpectEveryReadingAsync()
    {
        await ExpectVinAsync();
        await ExpectReadingAsync("odometer", " km");
        await ExpectReadingAsync("odometer", "recorded ");
        await ExpectReadingAsync("location", "show on a map");
        await ExpectReadingAsync("battery", "%");
        await Expect(Reading("lock-status")).ToContainTextAsync(new Regex("Locked|Unlocked"));
    }

    public Task ExpectVinAsync() => Expect(Reading("vin")).ToContainTextAsync(Vin);

    public Task ExpectOdometerAsync(string text) => ExpectReadingAsync("odometer", text);

    /// <summary>The odometer shows a number and its unit.</summary>
    public Task ExpectOdometerDistanceAsync() => Expect(Reading("odometer")).ToContainTextAsync(new Regex(@"^\s*[\d,]+ (km|mi)"));

    public Task ExpectDoorsAsync(string text) => ExpectReadingAsync("lock-status", text);

    /// <summary>The age in words, in a <c>time</c> element whose <c>datetime</c> a machine can read.</summary>
    public async Task ExpectOdometerRecordedAsync(string age)
    {
        var recorded = Reading("odometer").Locator("time");
        await Expect(recorded).ToHaveTextAsync(age);
        await Expect(recorded).ToHaveAttributeAsync("datetime", new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
    }

    /// <summary>The line above the readings when Smartcar gave none newer: the kept ones show, and why.</summary>
    public async Task ExpectNotFresherAsync(string reason)
    {
        await Expect(Page.GetByTestId("not-fresher")).ToContainTextAsync("These are the readings kept from before");
        await Expect(Page.GetByTestId("not-fresher")).ToContainTextAsync(reason);
    }

    public async Task ReloadAsync() => await Page.ReloadAsync();

    public Task RefreshAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();

    public Task LockAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true }).ClickAsync();

    public Task UnlockAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();

    /// <summary>What the page said about the last Lock or Unlock.</summary>
    public Task ExpectCommandResultAsync(string message) => Expect(Page.GetByTestId("command-result")).ToHaveTextAsync(message);

    public Task ExpectCommandResultContainingAsync(Regex message) => Expect(Page.GetByTestId("command-result")).ToHaveTextAsync(message);

    /// <summary>After a missing permission: the app names the car's brand, so Connect will show no brand list.</summary>
    public Task ConnectAgainToAllowItAsync() => Page.GetByRole(AriaRole.Link, new() { Name = "Connect again and allow it" }).ClickAsync();

    public Task StartDisconnectingAsync() => Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect this car" }).ClickAsync();

    private Task ExpectReadingAsync(string reading, string text) => Expect(Reading(reading)).ToContainTextAsync(text);

    private ILocator Reading(string testId) => Page.GetByTestId(testId);
}
