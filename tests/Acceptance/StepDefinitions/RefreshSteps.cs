using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>Several requests for one connection at once, while its access is being renewed.</summary>
[Binding]
public sealed class RefreshSteps(VehiclesPage vehicles, SmartcarEmulator smartcar, VehicleListReads reads)
{
    [Given("Smartcar takes a second to renew access")]
    public void GivenSmartcarTakesASecondToRenewAccess() => smartcar.FailNext("POST", "/oauth/token", Fault.Delayed(TimeSpan.FromSeconds(1)));

    [When("I open my vehicles page in {int} tabs at once")]
    public async Task WhenIOpenMyVehiclesPageInTabsAtOnce(int count)
    {
        reads.StartCounting();
        await vehicles.OpenInTabsAtOnceAsync(count);
    }

    [Then("every tab shows my {string}")]
    public Task ThenEveryTabShowsMy(string make) => vehicles.ExpectEveryTabListsAsync(make);

    /// <summary>So the one refresh is not one because fewer requests arrived than tabs.</summary>
    [Then("each tab asked Smartcar for the vehicle list")]
    public void ThenEachTabAskedSmartcarForTheVehicleList() => reads.Counted.ShouldBe(vehicles.TabCount);
}
