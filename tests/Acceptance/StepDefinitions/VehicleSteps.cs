using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class VehicleSteps(VehiclesPage vehicles, VehiclePage vehicle, SmartcarConnectPages connect, SmartcarEmulator smartcar)
{
    [When("I open my {string}")]
    public async Task WhenIOpenMy(string make)
    {
        await vehicles.OpenCarAsync(make);
        await vehicle.ExpectCarAsync(make);
    }

    [When("I open my {string} again")]
    public Task WhenIOpenMyAgain(string make) => vehicle.ReloadAsync();

    [When("{int} minute(s) pass")]
    public void WhenMinutesPass(int minutes) => smartcar.AdvanceClock(TimeSpan.FromMinutes(minutes));

    [When("I refresh the readings")]
    public Task WhenIRefreshTheReadings() => vehicle.RefreshAsync();

    [Then("the page says when the readings can be refreshed again")]
    public Task ThenThePageSaysWhenTheReadingsCanBeRefreshedAgain() =>
        vehicle.ExpectCommandResultContainingAsync(new System.Text.RegularExpressions.Regex(
            @"^These readings were asked for less than a minute ago\. You can refresh them again in \d+ seconds?, at \d\d:\d\d:\d\d UTC\.$"));

    [When("Smartcar will limit the next reading of the car, asking to retry after {int} seconds")]
    public void WhenSmartcarWillLimitTheNextReadingOfTheCar(int seconds) =>
        smartcar.FailNext("POST", "/v2.0/vehicles/*/batch", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(seconds)));

    /// <summary>The emulator's plan allows the car exactly the requests it has made this month: the next is a 430.</summary>
    [When("the car has used up its monthly Smartcar allowance")]
    public void WhenTheCarHasUsedUpItsMonthlyAllowance() =>
        smartcar.SetPlan(smartcar.Plan with { VehicleRequestsPerMonth = smartcar.PlanUsage().Vehicles.Max(v => v.RequestsThisMonth) });

    [Then("the page says the readings are not newer because {string}")]
    public Task ThenThePageSaysTheReadingsAreNotNewerBecause(string reason) => vehicle.ExpectNotFresherAsync(reason);

    [Then("its odometer was recorded {string}")]
    public Task ThenItsOdometerWasRecorded(string age) => vehicle.ExpectOdometerRecordedAsync(age);

    /// <summary>Batches: the page reads every reading it shows in one <c>POST .../batch</c>.</summary>
    [Then("Smartcar was asked for the car's readings {int} time(s)")]
    public void ThenSmartcarWasAskedForTheReadings(int times) =>
        smartcar.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/batch", StringComparison.Ordinal)).ShouldBe(times);

    [Then("I see its VIN, odometer, location, battery and doors")]
    public Task ThenISeeItsReadings() => vehicle.ExpectEveryReadingAsync();

    [When("I unlock it")]
    public Task WhenIUnlockIt() => vehicle.UnlockAsync();

    [When("I lock it")]
    public Task WhenILockIt() => vehicle.LockAsync();

    [Then("the page confirms {string}")]
    public Task ThenThePageConfirms(string message) => vehicle.ExpectCommandResultAsync(message);

    [Then("its doors show {string}")]
    public Task ThenItsDoorsShow(string text) => vehicle.ExpectDoorsAsync(text);

    [Then("its odometer shows {string}")]
    public Task ThenItsOdometerShows(string text) => vehicle.ExpectOdometerAsync(text);

    [Then("its VIN is shown")]
    public Task ThenItsVinIsShown() => vehicle.ExpectVinAsync();

    [Given("Smartcar will say the car is asleep when its odometer is read")]
    public void GivenTheCarIsAsleep() => smartcar.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.VehicleState("ASLEEP"));

    [Given("Smartcar will limit the next reading of the car's doors, asking to retry after {int} seconds")]
    public void GivenARateLimit(int seconds) =>
        smartcar.FailNext("GET", "/v2.0/vehicles/*/security", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(seconds)));

    [Given("Smartcar will refuse the next lock or unlock for want of a permission")]
    public void GivenAPermissionError() => smartcar.FailNext("POST", "/v2.0/vehicles/*/security", Fault.Permission());

    [When("I connect again to allow it")]
    public async Task WhenIConnectAgainToAllowIt()
    {
        await vehicle.ConnectAgainToAllowItAsync();
        await connect.SignInAsync(make: null, TestData.OwnerEmail);
        await connect.AllowAndReturnAsync();
    }

    [Then("Connect asked me to allow {string} and showed me what to share")]
    public void ThenConnectAskedToAllow(string permission)
    {
        var authorize = smartcar.Requests.Last(r => r.Method == "GET" && r.Path == "/oauth/authorize");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        query["scope"].ToString().Split(' ').ShouldContain($"required:{permission}");
        query["approval_prompt"].ToString().ShouldBe("force");
    }
}
