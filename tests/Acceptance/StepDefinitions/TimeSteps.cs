using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class TimeSteps(VehiclesPage vehicles, SmartcarEmulator smartcar)
{
    [When("{int} hour(s) pass")]
    public void WhenHoursPass(int hours) => smartcar.AdvanceClock(TimeSpan.FromHours(hours));

    [When("{int} day(s) pass")]
    public void WhenDaysPass(int days) => smartcar.AdvanceClock(TimeSpan.FromDays(days));

    [When("I open my vehicles page")]
    public Task WhenIOpenMyVehiclesPage() => vehicles.OpenAsync();

    [Then("I am asked to connect again")]
    public Task ThenIAmAskedToConnectAgain() => vehicles.ExpectAskedToConnectAgainAsync();

    [Then("exactly {int} token refresh(es) reached Smartcar")]
    public void ThenExactlyTokenRefreshesReachedSmartcar(int count) =>
        smartcar.Requests.Count(r => r.Path.StartsWith("/oauth/token", StringComparison.Ordinal)
            && (r.Body ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal)).ShouldBe(count);
}
