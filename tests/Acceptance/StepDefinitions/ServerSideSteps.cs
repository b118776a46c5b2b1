using Microsoft.AspNetCore.WebUtilities;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>What the emulator saw of the server-side flow: application tokens and v3 calls with sc-user-id.</summary>
[Binding]
public sealed class ServerSideSteps(SmartcarEmulator smartcar, ConnectJourney journey)
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
        smartcar.CountRequests("GET", "/v3/vehicles/").ShouldBeGreaterThan(0);
        smartcar.CountRequests("GET", "/v2.0/").ShouldBe(0);
    }
}
