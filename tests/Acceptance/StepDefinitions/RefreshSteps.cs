using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>
/// The list's "Refresh", which reads the cars again (a plain view asks Smartcar nothing), and several refreshes for one
/// connection at once, while its access is being renewed.
/// </summary>
[Binding]
public sealed class RefreshSteps(VehiclesPage vehicles, SmartcarEmulator smartcar, VehicleListReads reads)
{
    [Given("Smartcar takes a second to renew access")]
    public void GivenSmartcarTakesASecondToRenewAccess() => smartcar.FailNext("POST", "/oauth/token", Fault.Delayed(TimeSpan.FromSeconds(1)));

    [When("I press Refresh on my vehicles page in {int} tabs at once")]
    public async Task WhenIPressRefreshInTabsAtOnce(int count)
    {
        await vehicles.OpenInTabsAtOnceAsync(count);
        reads.StartCounting();
        await vehicles.RefreshInEveryTabAtOnceAsync();
    }

    [When("I refresh my vehicles")]
    public async Task WhenIRefreshMyVehicles()
    {
        reads.StartCounting();
        await vehicles.RefreshAsync();
    }

    [When("I look at my vehicles {int} times")]
    public async Task WhenILookAtMyVehiclesTimes(int times)
    {
        reads.StartCounting();
        for (var i = 0; i < times; i++)
        {
            await vehicles.OpenAsync();
            await vehicles.RowsAsync();
        }
    }

    [Then("the app asked Smartcar nothing")]
    public void ThenTheAppAskedSmartcarNothing() => reads.SmartcarCalls.ShouldBe(0);

    [Then("the app asked Smartcar {int} times")]
    public void ThenTheAppAskedSmartcarTimes(int calls) => reads.SmartcarCalls.ShouldBe(calls);

    [Then("the list says {string}")]
    public Task ThenTheListSays(string message) => vehicles.ExpectRefreshResultAsync(message);

    [Then("every tab shows my {string}")]
    public Task ThenEveryTabShowsMy(string make) => vehicles.ExpectEveryTabListsAsync(make);

    /// <summary>So the one renewal is not one because fewer requests arrived than tabs.</summary>
    [Then("each tab asked Smartcar for the vehicle list")]
    public void ThenEachTabAskedSmartcarForTheVehicleList() => reads.Counted.ShouldBe(vehicles.TabCount);
}
