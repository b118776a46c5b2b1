using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class VehicleSteps(BrowserDriver browser, SmartcarConnectPages connect, SmartcarEmulator smartcar)
{
    private static readonly Regex Vin = new("^[A-Z0-9]{17}\\b");

    private IPage Page => browser.Page;

    [When("I open my {string}")]
    public async Task WhenIOpenMy(string make)
    {
        await Page.GotoAsync("/vehicles");
        await Page.GetByRole(AriaRole.Link, new() { Name = make }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(make);
    }

    [Then("I see its VIN, odometer, location, battery and doors")]
    public async Task ThenISeeItsReadings()
    {
        await Expect(Page.GetByTestId("vin")).ToContainTextAsync(Vin);
        await Expect(Page.GetByTestId("odometer")).ToContainTextAsync(" km");
        await Expect(Page.GetByTestId("odometer")).ToContainTextAsync("recorded ");
        await Expect(Page.GetByTestId("location")).ToContainTextAsync("show on a map");
        await Expect(Page.GetByTestId("battery")).ToContainTextAsync("%");
        await Expect(Page.GetByTestId("lock-status")).ToContainTextAsync(new Regex("Locked|Unlocked"));
    }

    [When("I unlock it")]
    public Task WhenIUnlockIt() => Page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();

    [When("I lock it")]
    public Task WhenILockIt() => Page.GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true }).ClickAsync();

    [Then("the page confirms {string}")]
    public Task ThenThePageConfirms(string message) => Expect(Page.GetByTestId("command-result")).ToHaveTextAsync(message);

    [Then("its doors show {string}")]
    public Task ThenItsDoorsShow(string text) => Expect(Page.GetByTestId("lock-status")).ToContainTextAsync(text);

    [Then("its odometer shows {string}")]
    public Task ThenItsOdometerShows(string text) => Expect(Page.GetByTestId("odometer")).ToContainTextAsync(text);

    [Then("its VIN is shown")]
    public Task ThenItsVinIsShown() => Expect(Page.GetByTestId("vin")).ToContainTextAsync(Vin);

    [Given("Smartcar will say the car is asleep when its odometer is read")]
    public void GivenTheCarIsAsleep() => smartcar.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.VehicleState("ASLEEP"));

    [Given("Smartcar will limit the next reading of the car's doors, asking to retry after {int} seconds")]
    public void GivenARateLimit(int seconds) =>
        smartcar.FailNext("GET", "/v2.0/vehicles/*/security", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(seconds)));

    [Given("Smartcar will refuse the next lock or unlock for want of a permission")]
    public void GivenAPermissionError() => smartcar.FailNext("POST", "/v2.0/vehicles/*/security", Fault.Permission());

    [When("I connect again to allow it, signing in as {string}")]
    public async Task WhenIConnectAgainToAllowIt(string email)
    {
        // The app names the car's brand, so Connect shows no brand list.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Connect again and allow it" }).ClickAsync();
        await connect.SignInAsync(make: null, email);
        await connect.AllowAsync();
        await Page.WaitForURLAsync("**/vehicles");
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
