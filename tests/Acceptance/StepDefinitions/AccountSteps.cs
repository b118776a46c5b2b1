using System.Text.RegularExpressions;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Acceptance.Support;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class AccountSteps(
    BrowserDriver browser,
    AccountPages accounts,
    AppPages app,
    SmartcarConnectPages connect,
    AppUnderTest appUnderTest,
    ScenarioAccounts registered,
    ConnectSteps connectSteps,
    CapturedLogs logs)
{
    [Given("I am signed in as a new user")]
    public async Task GivenIAmSignedInAsANewUser()
    {
        registered.Me = AppAccount.New();
        await accounts.RegisterAsync(registered.Me);
    }

    [When("another person registers in a second browser")]
    public async Task WhenAnotherPersonRegistersInASecondBrowser()
    {
        registered.Other = AppAccount.New();
        await browser.OpenAnotherBrowserAsync();
        await accounts.RegisterAsync(registered.Other);
    }

    [When("they connect their {string} signing in as {string} and allow access")]
    public async Task WhenTheyConnect(string make, string email)
    {
        await app.OpenHomeAsync();
        await connectSteps.WhenIConnectAndAllow(make, email);
    }

    [Then("they see only their vehicles")]
    public Task ThenTheySeeOnlyTheirVehicles(DataTable expected) => connectSteps.ThenISeeMyVehicles(expected);

    [When("I go back to my own browser and look at my vehicles")]
    public async Task WhenIGoBackToMyOwnBrowser()
    {
        browser.SwitchTo(1);
        await browser.Page.GotoAsync("/vehicles");
    }

    [When("I sign out")]
    public Task WhenISignOut() => accounts.SignOutAsync();

    [Then("opening my vehicles asks me to sign in")]
    public async Task ThenOpeningMyVehiclesAsksMeToSignIn()
    {
        await browser.Page.GotoAsync("/vehicles");
        await accounts.ExpectAskedToSignInAsync();
        await Expect(browser.Page.Locator("table")).ToHaveCountAsync(0);
    }

    [When("I sign in again")]
    public Task WhenISignInAgain() => accounts.SignInAsync(registered.Me ?? throw new InvalidOperationException("No one has signed in yet."));

    [Given("I am also signed in in a second browser")]
    public async Task GivenIAmAlsoSignedInInASecondBrowser()
    {
        await browser.OpenAnotherBrowserAsync();
        await accounts.SignInAsync(registered.Me ?? throw new InvalidOperationException("No one has signed in yet."));
    }

    [When("I go back to my first browser and change my password")]
    public async Task WhenIChangeMyPasswordInMyFirstBrowser()
    {
        browser.SwitchTo(1);
        registered.Me = await accounts.ChangePasswordAsync(registered.Me ?? throw new InvalidOperationException("No one has signed in yet."));
    }

    [Then("I am told my password is changed and I am still signed in")]
    public Task ThenIAmToldMyPasswordIsChanged() =>
        accounts.ExpectPasswordChangedAsync(registered.Me ?? throw new InvalidOperationException("No one has signed in yet."));

    [Then("opening my vehicles in the second browser asks me to sign in")]
    public async Task ThenTheSecondBrowserAsksMeToSignIn()
    {
        browser.SwitchTo(2);
        await ThenOpeningMyVehiclesAsksMeToSignIn();
    }

    [When("I start Connect in this browser but the redirect back arrives in a second browser where I am also signed in")]
    public async Task WhenTheRedirectArrivesInASecondBrowser()
    {
        var me = registered.Me ?? throw new InvalidOperationException("No one has signed in yet.");

        await app.OpenHomeAsync();
        await app.StartConnectAsync();
        await connect.SignInAsync("TESLA", "owner@example.com");
        var redirect = await connect.AllowButHoldTheRedirectAsync();
        redirect.ShouldStartWith(appUnderTest.RedirectUri + "?");
        Regex.IsMatch(redirect, "[?&]code=").ShouldBeTrue();

        await browser.OpenAnotherBrowserAsync();
        await accounts.SignInAsync(me);
        await browser.Page.GotoAsync(redirect);
    }

    [Then("my password appears neither in the app's logs nor in the browser's cookies")]
    public async Task ThenMyPasswordAppearsNowhere()
    {
        var password = (registered.Me ?? throw new InvalidOperationException("No one has signed in yet.")).Password;
        logs.Lines.ShouldNotBeEmpty("the app logs at Trace level in these tests");
        logs.Lines.Where(line => line.Contains(password, StringComparison.Ordinal)).ShouldBeEmpty();
        var cookies = await browser.Context.CookiesAsync();
        cookies.ShouldContain(c => c.Name == "smartcarclean.auth", "the sign-in cookie is there to look at");
        cookies.ShouldAllBe(c => !c.Value.Contains(password, StringComparison.Ordinal) && c.HttpOnly);
    }
}
