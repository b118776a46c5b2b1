using Microsoft.AspNetCore.WebUtilities;
using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>
/// Smartcar's redirect URI rules: what Connect does with an unregistered one, and what registration refuses.
/// Registration uses a new application per scenario (<see cref="DeveloperApplication"/>).
/// </summary>
[Binding]
public sealed class RedirectUriSteps(SmartcarConnectPages connect, SmartcarEmulator smartcar, AppUnderTest app, DeveloperApplication developer)
{
    [Then("Connect was opened with the app's registered redirect URI")]
    public void ThenConnectWasOpenedWithTheRegisteredRedirectUri()
    {
        var authorize = smartcar.Requests.Single(r => r.Method == "GET" && r.Path.StartsWith("/oauth/authorize", StringComparison.Ordinal));
        QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"].ToString().ShouldBe(app.RedirectUri);
        smartcar.World.FindApplication(TestRun.ClientId)!.RedirectUris.ShouldContain(app.RedirectUri);
    }

    [When("Connect is opened for the app with the redirect URI {string}")]
    public Task WhenConnectIsOpenedWithTheRedirectUri(string redirectUri) => connect.OpenForAsync(TestRun.ClientId, redirectUri);

    [Then("Connect shows the error {string}")]
    public Task ThenConnectShowsTheError(string message) => connect.ExpectSaysAsync(message);

    [Then("the browser stays on Connect")]
    public void ThenTheBrowserStaysOnConnect() => connect.ExpectStillOnConnect();

    [Given("a developer's new application on Smartcar")]
    public void GivenANewApplication() => developer.Create();

    [When("they register the redirect URI {string}")]
    public void WhenTheyRegisterTheRedirectUri(string redirectUri) => developer.Register(redirectUri);

    [When("they register these redirect URIs")]
    public void WhenTheyRegisterTheseRedirectUris(DataTable table)
    {
        foreach (var row in table.CreateSet<RedirectUriRow>())
        {
            developer.Register(row.Uri).Error.ShouldBeNull();
        }
    }

    [Then("Smartcar refuses it, saying {string}")]
    public void ThenSmartcarRefusesIt(string message)
    {
        var result = developer.LastRegistration.ShouldNotBeNull();
        result.Failure.ShouldBe(RegistrationFailure.InvalidInput);
        result.Error.ShouldNotBeNull().ShouldContain(message);
        developer.RedirectUrisAtSmartcar.ShouldBe([DeveloperApplication.FirstRedirectUri]);
    }

    [Then("Smartcar lists them all for the application")]
    public void ThenSmartcarListsThemAll()
    {
        developer.Registered.Count.ShouldBe(4);
        developer.RedirectUrisAtSmartcar.ShouldBe([DeveloperApplication.FirstRedirectUri, .. developer.Registered]);
    }

    public sealed record RedirectUriRow(string Uri);
}
