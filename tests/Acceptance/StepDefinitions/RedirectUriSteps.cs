using Microsoft.AspNetCore.WebUtilities;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Applications;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>
/// Smartcar's redirect URI rules: what Connect does with an unregistered one, and what registration refuses.
/// Registration uses a new application per scenario (Reset keeps applications), so the app's own stays as it is.
/// </summary>
[Binding]
public sealed class RedirectUriSteps(BrowserDriver browser, SmartcarEmulator smartcar, AppUnderTest app)
{
    private const string FirstRedirectUri = "https://example.com/exchange";

    private readonly List<string> _registered = [];
    private string? _clientId;
    private RegistrationResult? _lastRegistration;

    private string ClientId => _clientId ?? throw new InvalidOperationException("No application was created in this scenario.");

    [Then("Connect was opened with the app's registered redirect URI")]
    public void ThenConnectWasOpenedWithTheRegisteredRedirectUri()
    {
        var authorize = smartcar.Requests.Single(r => r.Method == "GET" && r.Path.StartsWith("/oauth/authorize", StringComparison.Ordinal));
        QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"].ToString().ShouldBe(app.RedirectUri);
        smartcar.World.FindApplication(TestRun.ClientId)!.RedirectUris.ShouldContain(app.RedirectUri);
    }

    [When("Connect is opened for the app with the redirect URI {string}")]
    public async Task WhenConnectIsOpenedWithTheRedirectUri(string redirectUri)
    {
        var query = QueryHelpers.AddQueryString($"{smartcar.BaseUrl}/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = TestRun.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = "read_vehicle_info",
            ["state"] = "some-state",
        });
        await browser.Page.GotoAsync(query);
    }

    [Then("Connect shows the error {string}")]
    public Task ThenConnectShowsTheError(string message) => Expect(browser.Page.GetByText(message)).ToBeVisibleAsync();

    [Then("the browser stays on Connect")]
    public void ThenTheBrowserStaysOnConnect() => browser.Page.Url.ShouldStartWith(smartcar.BaseUrl + "/oauth/authorize");

    [Given("a developer's new application on Smartcar")]
    public void GivenANewApplication()
    {
        _clientId = Guid.NewGuid().ToString();
        smartcar.World.RegisterApplication(new RegisteredApplication(_clientId, "secret", [FirstRedirectUri]))
            .Failure.ShouldBe(RegistrationFailure.None);
    }

    [When("they register the redirect URI {string}")]
    public void WhenTheyRegisterTheRedirectUri(string redirectUri)
    {
        var uri = redirectUri.Replace("{client id}", ClientId, StringComparison.Ordinal);
        _lastRegistration = smartcar.World.AddRedirectUri(ClientId, uri);
        if (_lastRegistration.Succeeded)
        {
            _registered.Add(uri);
        }
    }

    [When("they register these redirect URIs")]
    public void WhenTheyRegisterTheseRedirectUris(DataTable table)
    {
        foreach (var row in table.CreateSet<RedirectUriRow>())
        {
            WhenTheyRegisterTheRedirectUri(row.Uri);
            _lastRegistration!.Error.ShouldBeNull();
        }
    }

    [Then("Smartcar refuses it, saying {string}")]
    public void ThenSmartcarRefusesIt(string message)
    {
        var result = _lastRegistration.ShouldNotBeNull();
        result.Failure.ShouldBe(RegistrationFailure.InvalidInput);
        result.Error.ShouldNotBeNull().ShouldContain(message);
        smartcar.World.FindApplication(ClientId)!.RedirectUris.ShouldBe([FirstRedirectUri]);
    }

    [Then("Smartcar lists them all for the application")]
    public void ThenSmartcarListsThemAll()
    {
        _registered.Count.ShouldBe(4);
        smartcar.World.FindApplication(ClientId)!.RedirectUris.ShouldBe([FirstRedirectUri, .. _registered]);
    }

    public sealed record RedirectUriRow(string Uri);
}
