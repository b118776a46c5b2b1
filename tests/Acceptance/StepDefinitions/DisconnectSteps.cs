using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class DisconnectSteps(VehiclePage vehicle, VehiclesPage vehicles, DisconnectPage disconnect, SmartcarEmulator smartcar)
{
    [When("I disconnect it and confirm")]
    public async Task WhenIDisconnectItAndConfirm()
    {
        await vehicle.StartDisconnectingAsync();
        await disconnect.ConfirmCarAsync();
    }

    [When("I disconnect all my cars and confirm")]
    public async Task WhenIDisconnectAllMyCarsAndConfirm()
    {
        await vehicles.StartDisconnectingAllAsync();
        await disconnect.ConfirmAllCarsAsync();
    }

    [When("I disconnect that Smartcar account and confirm")]
    public async Task WhenIDisconnectThatSmartcarAccountAndConfirm()
    {
        await vehicles.StartDisconnectingTheSmartcarAccountAsync();
        await disconnect.ConfirmSmartcarAccountAsync();
    }

    [Then("I see {string}")]
    public Task ThenISee(string message) => vehicles.ExpectDisconnectResultAsync(message);

    [Then(@"^(\d+) cars? (?:is|are) listed$")]
    public Task ThenCarsAreListed(int count) => vehicles.ExpectCountAsync(count);

    [Then("I have no car connected")]
    public Task ThenIHaveNoCarConnected() => vehicles.ExpectNoCarAsync();

    [Then("Smartcar was asked to revoke access {int} time(s)")]
    public void ThenSmartcarWasAskedToRevokeAccess(int count) =>
        smartcar.Requests.Count(r => r.Method == "DELETE" && r.Path.EndsWith("/application", StringComparison.Ordinal)).ShouldBe(count);
}
