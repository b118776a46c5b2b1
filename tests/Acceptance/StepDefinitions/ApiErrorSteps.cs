using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>Faults the car maker (Smartcar's "upstream") causes, and what the app asks Smartcar because of them.</summary>
[Binding]
public sealed class ApiErrorSteps(VehiclePage vehicle, SmartcarEmulator smartcar)
{
    private const string Odometer = "/v2.0/vehicles/*/odometer";
    private const string Security = "/v2.0/vehicles/*/security";

    [Given("the car maker will fail the next {int} odometer reading(s)")]
    public void GivenTheCarMakerWillFailOdometerReadings(int times) => smartcar.FailNext("GET", Odometer, Fault.Upstream(), times: times);

    [Given("the car maker will fail the next lock command")]
    public void GivenTheCarMakerWillFailTheNextLockCommand() => smartcar.FailNext("POST", Security, Fault.Upstream());

    [Then("its odometer shows a distance")]
    public Task ThenItsOdometerShowsADistance() => vehicle.ExpectOdometerDistanceAsync();

    /// <summary>On its own (<c>GET .../odometer</c>) or as one path of a batch (<c>POST .../batch</c> naming <c>/odometer</c>).</summary>
    [Then("Smartcar was asked for the odometer {int} time(s)")]
    public void ThenSmartcarWasAskedForTheOdometer(int times) =>
        smartcar.Requests.Count(r => (r.Method == "GET" && r.Path.EndsWith("/odometer", StringComparison.Ordinal))
            || (r.Method == "POST" && r.Path.EndsWith("/batch", StringComparison.Ordinal)
                && (r.Body ?? "").Contains("\"/odometer\"", StringComparison.Ordinal))).ShouldBe(times);

    [Then("Smartcar was asked to lock the car {int} time(s)")]
    public void ThenSmartcarWasAskedToLockTheCar(int times) =>
        smartcar.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/security", StringComparison.Ordinal)
            && (r.Body ?? "").Contains("LOCK", StringComparison.Ordinal)).ShouldBe(times);

    [Then("the page says {string}")]
    public Task ThenThePageSays(string message) => vehicle.ExpectCommandResultAsync(message);
}
