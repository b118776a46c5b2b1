using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>Several requests for one connection at once, while its access is being renewed.</summary>
[Binding]
public sealed class RefreshSteps(BrowserDriver browser, SmartcarEmulator smartcar)
{
    private IReadOnlyList<IPage> _tabs = [];
    private int _vehicleListsBefore;

    [Given("Smartcar takes a second to renew access")]
    public void GivenSmartcarTakesASecondToRenewAccess() => smartcar.FailNext("POST", "/oauth/token", Fault.Delayed(TimeSpan.FromSeconds(1)));

    [When("I open my vehicles page in {int} tabs at once")]
    public async Task WhenIOpenMyVehiclesPageInTabsAtOnce(int count)
    {
        _tabs = await browser.OpenTabsAsync(count);
        _vehicleListsBefore = VehicleListRequests();
        // A different address per tab: Chromium holds back a request for an address another tab is already
        // loading (its cache lock), which would quietly turn "at once" into "one after the other".
        await Task.WhenAll(_tabs.Select((tab, i) => tab.GotoAsync($"/vehicles?tab={i + 1}")));
    }

    [Then("every tab shows my {string}")]
    public async Task ThenEveryTabShowsMy(string make)
    {
        _tabs.ShouldNotBeEmpty();
        foreach (var tab in _tabs)
        {
            await Expect(tab.Locator("table tbody tr").First).ToContainTextAsync(make);
        }
    }

    /// <summary>So the one refresh is not one because fewer requests arrived than tabs.</summary>
    [Then("each tab asked Smartcar for the vehicle list")]
    public void ThenEachTabAskedSmartcarForTheVehicleList() => (VehicleListRequests() - _vehicleListsBefore).ShouldBe(_tabs.Count);

    private int VehicleListRequests() => smartcar.Requests.Count(r => r.Method == "GET" && r.Path == "/v2.0/vehicles");
}
