using System.Text.RegularExpressions;
using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;

namespace SmartcarClean.Acceptance.StepDefinitions;

/// <summary>Signing in, by the fast way or through the account pages, and what one account may see of another's.</summary>
[Binding]
public sealed class AccountSteps(
    BrowserDriver browser,
    AppSignIn appSignIn,
    AccountPages accounts,
    HomePage home,
    VehiclesPage vehicles,
    ScenarioAccounts people,
    ConnectSteps connectSteps,
    CapturedLogs logs)
{
    /// <summary>For scenarios that are not about accounts: a new user, signed in without the account pages.</summary>
    [Given("I am signed in")]
    public async Task GivenIAmSignedIn() => people.Me = await appSignIn.SignInNewUserAsync();

    [Given("I have registered")]
    public async Task GivenIHaveRegistered()
    {
        people.Me = TestData.NewAccount();
        await accounts.RegisterAsync(people.Me);
    }

    /// <summary>Their account is set-up here, not the subject: made the fast way (the account pages are mine to use).</summary>
    [When("another person registers in a second browser")]
    public async Task WhenAnotherPersonRegistersInASecondBrowser()
    {
        await browser.OpenAnotherBrowserAsync();
        people.Other = await appSignIn.SignInNewUserAsync();
    }

    [When("another person uses the app in a second browser")]
    public async Task WhenAnotherPersonUsesTheAppInASecondBrowser()
    {
        await browser.OpenAnotherBrowserAsync();
        people.Other = await appSignIn.SignInNewUserAsync();
    }

    [When("they connect their {string} signing in as {string} and allow access")]
    public async Task WhenTheyConnect(string make, string email)
    {
        await home.OpenAsync();
        await connectSteps.WhenIConnectAndAllow(make, email);
    }

    [Then("they see only their vehicles")]
    public Task ThenTheySeeOnlyTheirVehicles(DataTable expected) => connectSteps.ThenISeeMyVehicles(expected);

    [When("I go back to my own browser and look at my vehicles")]
    public async Task WhenIGoBackToMyOwnBrowser()
    {
        browser.SwitchTo(1);
        await vehicles.OpenAsync();
    }

    [When("I sign out")]
    public Task WhenISignOut() => accounts.SignOutAsync();

    [Then("opening my vehicles asks me to sign in")]
    public async Task ThenOpeningMyVehiclesAsksMeToSignIn()
    {
        await vehicles.OpenAsync();
        await accounts.ExpectAskedToSignInAsync();
    }

    [When("I sign in again")]
    public Task WhenISignInAgain() => accounts.SignInAsync(people.Me);

    /// <summary>Set-up for what happens in the other browser: signed in the fast way, in a session of its own.</summary>
    [Given("I am also signed in in a second browser")]
    public async Task GivenIAmAlsoSignedInInASecondBrowser()
    {
        await browser.OpenAnotherBrowserAsync();
        await appSignIn.SignInAsync(people.Me);
    }

    [When("I go back to my first browser and change my password")]
    public async Task WhenIChangeMyPasswordInMyFirstBrowser()
    {
        browser.SwitchTo(1);
        people.Me = await accounts.ChangePasswordAsync(people.Me);
    }

    [Then("I am told my password is changed and I am still signed in")]
    public Task ThenIAmToldMyPasswordIsChanged() => accounts.ExpectPasswordChangedAsync(people.Me);

    [Then("opening my vehicles in the second browser asks me to sign in")]
    public async Task ThenTheSecondBrowserAsksMeToSignIn()
    {
        browser.SwitchTo(2);
        await ThenOpeningMyVehiclesAsksMeToSignIn();
    }

    [When("I start Connect in this browser but the redirect back arrives in a second browser where I am also signed in")]
    public async Task WhenTheRedirectArrivesInASecondBrowser()
    {
        await home.OpenAsync();
        var redirect = await connectSteps.ConnectButHoldTheRedirectAsync("TESLA", TestData.OwnerEmail);
        Regex.IsMatch(redirect, "[?&]code=").ShouldBeTrue();
        await GivenIAmAlsoSignedInInASecondBrowser();
        await browser.GoToAsync(redirect);
    }

    [Then("my password appears neither in the app's logs nor in the browser's cookies")]
    public async Task ThenMyPasswordAppearsNowhere()
    {
        var password = people.Me.Password;
        logs.Lines.ShouldNotBeEmpty("the app logs at Trace level in these tests");
        logs.Lines.Where(line => line.Contains(password, StringComparison.Ordinal)).ShouldBeEmpty();
        var cookies = await browser.CookiesAsync();
        cookies.ShouldContain(c => c.Name == "smartcarclean.auth", "the sign-in cookie is there to look at");
        cookies.ShouldAllBe(c => !c.Value.Contains(password, StringComparison.Ordinal) && c.HttpOnly);
    }
}
