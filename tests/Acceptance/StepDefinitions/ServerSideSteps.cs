using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using Reqnroll;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>
/// What the emulator saw of the server-side flow (application tokens, v3 calls with sc-user-id, the code that proves
/// who connected), and an attacker's redirect that names someone else's Smartcar user.
/// </summary>
[Binding]
public sealed class ServerSideSteps(
    SmartcarEmulator smartcar,
    ConnectJourney journey,
    BrowserDriver browser,
    AppSignIn appSignIn,
    HomePage home,
    VehiclesPage vehicles,
    ScenarioAccounts people,
    ConnectSteps connectSteps)
{
    [Then("Smartcar was asked for exactly {int} application token(s)")]
    public void ThenSmartcarWasAskedForApplicationTokens(int count) =>
        smartcar.CountRequests("POST", "/oauth2/token").ShouldBe(count);

    [Then("my vehicles were read from Smartcar's v3 API as the Smartcar user who connected")]
    public void ThenMyVehiclesWereReadFromV3()
    {
        var userIds = journey.Redirects.Select(r => QueryHelpers.ParseQuery(r.Query)["user_id"].ToString()).ToList();
        userIds.ShouldAllBe(id => id.Length > 0);
        var connectionReads = smartcar.Requests.Where(r => r.Method == "GET" && r.Path == "/v3/connections").ToList();
        connectionReads.ShouldNotBeEmpty();
        connectionReads.ShouldAllBe(r => userIds.Contains(r.Headers["sc-user-id"]));
        // Each connection carries its car's make, model and year: no call per car.
        smartcar.CountRequests("GET", "/v3/vehicles/").ShouldBe(0);
        smartcar.CountRequests("GET", "/v2.0/vehicles").ShouldBe(0);
    }

    [Then("the app asked Smartcar who connected with the code, and read nothing else with it")]
    public void ThenTheCodeOnlyProvedWhoConnected()
    {
        // The journey did reach Connect, so the counts below are not a pass by accident.
        smartcar.CountRequests("GET", "/oauth/authorize").ShouldBe(1);
        smartcar.CountRequests("POST", "/oauth/token").ShouldBe(1);
        smartcar.CountRequests("GET", "/v2.0/user").ShouldBe(1);
        smartcar.CountRequests("GET", "/v2.0/").ShouldBe(1);
    }

    [Given("another person has connected their {string} signing in as {string} in a second browser")]
    public async Task GivenAnotherPersonHasConnected(string make, string email)
    {
        await browser.OpenAnotherBrowserAsync();
        people.Other = await appSignIn.SignInNewUserAsync();
        await connectSteps.GivenIHaveConnected(make, email);
        people.OtherPersonsConnectEmail = email;
        browser.SwitchTo(1);
    }

    // The attack reproduced in the issue: her own Connect's genuine state, the other person's Smartcar user id.
    [When(@"^I go through Connect as ""(.*)"" but send the app the other person's Smartcar user id (with my own code|without a code)$")]
    public async Task WhenISendTheOtherPersonsUserId(string email, string code)
    {
        var otherPersonsEmail = people.OtherPersonsConnectEmail ?? throw new InvalidOperationException("No other person connected.");
        var otherPersonsId = smartcar.World.FindUserByEmail(otherPersonsEmail)!.Id;
        await home.OpenAsync();
        var redirect = await connectSteps.ConnectButHoldTheRedirectAsync("TESLA", email);

        var forged = Regex.Replace(redirect, "(?<=[?&])user_id=[^&]*", $"user_id={otherPersonsId}");
        if (code == "without a code")
        {
            forged = Regex.Replace(forged, "(?<=[?&])code=[^&]*&?", string.Empty);
        }

        forged.ShouldContain($"user_id={otherPersonsId}");
        await browser.GoToAsync(forged);
    }

    [Then("my list of vehicles is still empty")]
    public async Task ThenMyListOfVehiclesIsStillEmpty()
    {
        await vehicles.OpenAsync();
        await vehicles.ExpectEmptyAsync();
    }

    /// <summary>Signals: the server-side vehicle page reads every reading it shows in one <c>GET /v3/vehicles/{id}/signals</c>.</summary>
    [Then("Smartcar was asked for the car's signals {int} time(s)")]
    public void ThenSmartcarWasAskedForTheSignals(int times) =>
        smartcar.Requests.Count(r => r.Method == "GET" && Regex.IsMatch(r.Path, "^/v3/vehicles/[^/]+/signals$")).ShouldBe(times);

    /// <summary>The one car's Smartcar connection was deleted (<c>DELETE /v3/connections/{id}</c>) and is listed no more.</summary>
    [Then("Smartcar no longer lists the disconnected car's connection")]
    public void ThenSmartcarNoLongerListsTheDisconnectedCarsConnection()
    {
        var deleted = smartcar.Requests.Where(r => r.Method == "DELETE" && r.Path.StartsWith("/v3/connections/", StringComparison.Ordinal))
            .ShouldHaveSingleItem();
        var connectionId = deleted.Path["/v3/connections/".Length..];
        smartcar.World.Applications.SelectMany(a => smartcar.World.ConnectionsOf(a.ClientId)).ShouldNotContain(c => c.Id == connectionId);
    }

    [Then("Smartcar lists no connection of {string} to the app any more")]
    public void ThenSmartcarListsNoConnectionOf(string email)
    {
        var userId = smartcar.World.FindUserByEmail(email).ShouldNotBeNull().Id;
        smartcar.World.Applications.SelectMany(a => smartcar.World.ConnectionsOf(a.ClientId))
            .Where(c => c.User.Id == userId)
            .ShouldBeEmpty();
        smartcar.Requests.ShouldContain(r => r.Method == "DELETE" && r.Path == $"/v3/users/{userId}");
    }
}
