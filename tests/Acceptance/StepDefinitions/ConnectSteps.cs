using System.Text.RegularExpressions;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class ConnectSteps(
    BrowserDriver browser,
    AppPages app,
    SmartcarConnectPages connect,
    SmartcarEmulator smartcar,
    AppUnderTest appUnderTest,
    ConnectJourney journey)
{
    [Given("I am on the home page")]
    public Task GivenIAmOnTheHomePage() => app.OpenHomeAsync();

    [When("I connect my {string} signing in as {string} and allow access")]
    public async Task WhenIConnectAndAllow(string make, string email)
    {
        RecordRedirects();
        await app.StartConnectAsync();
        await connect.SignInAsync(make, email);
        await connect.AllowAsync();
        await browser.Page.WaitForURLAsync("**/vehicles");
    }

    [Given("I have connected my {string} signing in as {string}")]
    public async Task GivenIHaveConnected(string make, string email)
    {
        await app.OpenHomeAsync();
        await WhenIConnectAndAllow(make, email);
    }

    [When("I connect my {string} signing in as {string} and deny access")]
    public async Task WhenIConnectAndDeny(string make, string email)
    {
        await app.StartConnectAsync();
        await connect.SignInAsync(make, email);
        await connect.DenyAsync();
    }

    [When("I start connecting my {string} signing in as {string}")]
    public async Task WhenIStartConnecting(string make, string email)
    {
        await app.StartConnectAsync();
        await connect.SignInAsync(make, email);
    }

    [Then("I am offered to try again")]
    public Task ThenIAmOfferedToTryAgain() => app.ExpectRetryOfferedAsync();

    [Then("the explanation names the shared vehicle with VIN {string}")]
    public Task ThenTheExplanationNamesTheSharedVehicle(string vin) => app.ExpectConnectFailureDetailAsync($"(VIN {vin})");

    [When("I go through Connect but the redirect comes back with a forged state")]
    public async Task WhenTheRedirectComesBackWithAForgedState()
    {
        await app.StartConnectAsync();
        await connect.SignInAsync("TESLA", "owner@example.com");
        var redirect = await connect.AllowButHoldTheRedirectAsync();

        redirect.ShouldStartWith(appUnderTest.RedirectUri + "?");
        redirect.ShouldContain("code=");
        await browser.Page.GotoAsync(Regex.Replace(redirect, "state=[^&]*", "state=forged-by-an-attacker"));
    }

    [When("I open the same redirect link again")]
    public async Task WhenIOpenTheSameRedirectLinkAgain() => await browser.Page.GotoAsync(journey.Redirects.ShouldHaveSingleItem().AbsoluteUri);

    [Then("I see my vehicles")]
    public async Task ThenISeeMyVehicles(DataTable expected)
    {
        var rows = await app.VehicleRowsAsync();
        var shown = rows.Select(r => string.Join(" | ", r)).Order().ToList();
        var wanted = expected.CreateSet<ListedVehicle>().Select(v => $"{v.Make} | {v.Model} | {v.Year}").Order().ToList();
        shown.ShouldBe(wanted);
    }

    [Then("the address bar shows no authorization code")]
    public void ThenTheAddressBarShowsNoAuthorizationCode()
    {
        var url = new Uri(browser.Page.Url);
        url.AbsolutePath.ShouldBe("/vehicles");
        url.Query.ShouldBeEmpty();
    }

    [Then("I am told {string}")]
    public Task ThenIAmTold(string title) => app.ExpectConnectFailureAsync(title);

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

    private bool IsRedirect(string url) => url.StartsWith(appUnderTest.RedirectUri, StringComparison.Ordinal);

    private void RecordRedirects() => browser.Page.Request += (_, request) =>
    {
        if (request.IsNavigationRequest && IsRedirect(request.Url))
        {
            journey.Record(new Uri(request.Url));
        }
    };
}

/// <summary>A row of the vehicles list, as feature files write it (make, model, year).</summary>
public sealed record ListedVehicle(string Make, string Model, int Year);
