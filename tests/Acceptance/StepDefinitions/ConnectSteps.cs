using System.Text.RegularExpressions;
using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class ConnectSteps(
    BrowserDriver browser,
    HomePage home,
    SmartcarConnectPages connect,
    ConnectShortcut shortcut,
    ExchangePage exchange,
    VehiclesPage vehicles,
    SmartcarEmulator smartcar,
    ConnectJourney journey)
{
    [Given("I am on the home page")]
    public Task GivenIAmOnTheHomePage() => home.OpenAsync();

    [When("I connect my {string} and allow access")]
    public Task WhenIConnectMyCarAndAllow(string make) => WhenIConnectAndAllow(make, TestData.OwnerEmail);

    [When("I connect my {string} signing in as {string} and allow access")]
    public async Task WhenIConnectAndAllow(string make, string email)
    {
        await home.StartConnectAsync();
        await connect.SignInAsync(make, email);
        await connect.AllowAndReturnAsync();
    }

    [Given("I have connected my {string}")]
    public Task GivenIHaveConnectedMyCar(string make) => GivenIHaveConnected(make, TestData.OwnerEmail);

    /// <summary>Connecting is not the subject here: the fast way, without loading Connect's pages (<see cref="ConnectShortcut"/>).</summary>
    [Given("I have connected my {string} signing in as {string}")]
    public Task GivenIHaveConnected(string make, string email) => shortcut.ConnectAsync(make, email);

    [When("I connect my {string} and deny access")]
    public async Task WhenIConnectAndDeny(string make)
    {
        await WhenIStartConnecting(make, TestData.OwnerEmail);
        await connect.DenyAsync();
    }

    [When("I start connecting my {string}")]
    public Task WhenIStartConnectingMyCar(string make) => WhenIStartConnecting(make, TestData.OwnerEmail);

    [When("I start connecting my {string} signing in as {string}")]
    public async Task WhenIStartConnecting(string make, string email)
    {
        await home.StartConnectAsync();
        await connect.SignInAsync(make, email);
    }

    [Then("I am offered to try again")]
    public Task ThenIAmOfferedToTryAgain() => exchange.ExpectRetryOfferedAsync();

    [Then("the explanation names the shared vehicle with VIN {string}")]
    public Task ThenTheExplanationNamesTheSharedVehicle(string vin) => exchange.ExpectFailureDetailAsync($"(VIN {vin})");

    [When("I go through Connect but the redirect comes back with a forged state")]
    public async Task WhenTheRedirectComesBackWithAForgedState()
    {
        var redirect = await ConnectButHoldTheRedirectAsync("TESLA", TestData.OwnerEmail);
        redirect.ShouldContain("code=");
        await browser.GoToAsync(Regex.Replace(redirect, "state=[^&]*", "state=forged-by-an-attacker"));
    }

    [When("I open the same redirect link again")]
    public Task WhenIOpenTheSameRedirectLinkAgain() => browser.GoToAsync(journey.Redirects.ShouldHaveSingleItem().AbsoluteUri);

    [Then("I see my vehicles")]
    public async Task ThenISeeMyVehicles(DataTable expected)
    {
        // The powertrain column is compared when the table names it (only API v3 gives one).
        var withPowertrain = expected.Header.Contains("powertrain");
        var shown = (await vehicles.RowsAsync()).Select(r => string.Join(" | ", r.Take(withPowertrain ? 4 : 3))).Order().ToList();
        var wanted = (withPowertrain
            ? expected.CreateSet<ListedVehicleWithPowertrain>().Select(v => $"{v.Make} | {v.Model} | {v.Year} | {v.Powertrain}")
            : expected.CreateSet<ListedVehicle>().Select(v => $"{v.Make} | {v.Model} | {v.Year}")).Order().ToList();
        shown.ShouldBe(wanted);
    }

    [Then("the address bar shows no authorization code")]
    public void ThenTheAddressBarShowsNoAuthorizationCode()
    {
        browser.Address.AbsolutePath.ShouldBe("/vehicles");
        browser.Address.Query.ShouldBeEmpty();
    }

    [Then("I am told {string}")]
    public Task ThenIAmTold(string title) => exchange.ExpectFailureAsync(title);

    [Then("no token was requested from Smartcar")]
    public void ThenNoTokenWasRequested()
    {
        // The journey did reach Connect, so an empty log would not be a pass by accident.
        smartcar.CountRequests("GET", "/oauth/authorize").ShouldBe(1);
        smartcar.CountRequests("POST", "/oauth/token").ShouldBe(0);
    }

    [Then("exactly {int} token request(s) reached Smartcar")]
    public void ThenExactlyTokenRequestsReachedSmartcar(int count) =>
        smartcar.CountRequests("POST", "/oauth/token").ShouldBe(count);

    /// <summary>From the home page through Connect to Allow, holding back Connect's redirect to the app; returns it.</summary>
    public async Task<string> ConnectButHoldTheRedirectAsync(string make, string email)
    {
        await WhenIStartConnecting(make, email);
        return await connect.AllowButHoldTheRedirectAsync();
    }
}

/// <summary>A row of the vehicles list, as feature files write it (make, model, year).</summary>
public sealed record ListedVehicle(string Make, string Model, int Year);

/// <summary>A row of the vehicles list with the powertrain, which only Smartcar's API v3 gives.</summary>
public sealed record ListedVehicleWithPowertrain(string Make, string Model, int Year, string Powertrain);
