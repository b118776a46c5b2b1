using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class PopupSteps(BrowserDriver browser, ConnectPopup popup, SmartcarConnectPages connect, SmartcarEmulator smartcar, AppUnderTest app)
{
    private Func<Task>? _release;

    [Given("I choose to open Connect in a pop-up")]
    public Task GivenIChooseThePopup() => popup.ChooseAsync();

    [Given("my browser blocks pop-ups")]
    public Task GivenMyBrowserBlocksPopups() => popup.BlockPopupsAsync();

    [When("I connect my {string} in the pop-up signing in as {string} and allow access")]
    public async Task WhenIConnectInThePopupAndAllow(string make, string email)
    {
        await popup.OpenAsync();
        await connect.SignInAsync(make, email);
        await connect.AllowAsync();
    }

    [When("I connect my {string} in the pop-up signing in as {string} and deny access")]
    public async Task WhenIConnectInThePopupAndDeny(string make, string email)
    {
        await popup.OpenAsync();
        await connect.SignInAsync(make, email);
        await connect.DenyAsync();
    }

    [When("I open Connect in the pop-up")]
    public Task WhenIOpenConnectInThePopup() => popup.OpenAsync();

    [When("the page receives a Smartcar message with the right state from its own origin instead of the redirect page's")]
    public async Task WhenAMessageFromAnotherOriginArrives()
    {
        await popup.WatchMessagesAsync();
        await ConnectPopup.PostForgedMessageAsync(browser.Page, popup.IssuedState(), fromPopup: false);
    }

    [When("the page receives a Smartcar message from the redirect page's origin with another state")]
    public Task WhenAMessageWithAnotherStateArrives() =>
        ConnectPopup.PostForgedMessageAsync(popup.Popup, "forged-state", fromPopup: true);

    [Then("the page ignored both messages: nothing was sent to the app and Smartcar issued no token")]
    public async Task ThenThePageIgnoredBothMessages()
    {
        await popup.WaitUntilPageHasHandledAsync(2);
        popup.ExchangePosts.ShouldBeEmpty();
        await Expect(browser.Page.GetByTestId("connect-failure")).ToHaveCountAsync(0);
        smartcar.CountRequests("POST", "/oauth/token").ShouldBe(0);
    }

    [When("I finish in the pop-up signing in as {string} and allow access")]
    public async Task WhenIFinishInThePopup(string email)
    {
        await connect.SignInAsync("TESLA", email);
        await connect.AllowAsync();
    }

    [Then("the pop-up closes")]
    public Task ThenThePopupCloses() => popup.ExpectClosedAsync();

    [Then("the page never left the app for Connect")]
    public void ThenThePageNeverLeftTheApp()
    {
        popup.PageNavigations.ShouldNotBeEmpty("the page went on to the vehicles");
        popup.PageNavigations.ShouldAllBe(url => url.StartsWith(app.BaseUrl.AbsoluteUri, StringComparison.Ordinal));
    }

    [Then("the page sent Connect's result to the app once, by POST and without the code in any address")]
    public void ThenThePageSentTheResultOnce()
    {
        var posted = popup.ExchangePosts.ShouldHaveSingleItem();
        posted.ShouldContain("__RequestVerificationToken=");
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(posted)["code"].ToString();
        code.ShouldNotBeNullOrEmpty();
        code.ShouldNotBe("forged-code");
        popup.PageNavigations.ShouldAllBe(url => !url.Contains(code, StringComparison.Ordinal));
    }

    [When("I open Smartcar's redirect page in a tab of its own")]
    public Task WhenIOpenTheRedirectPageInATabOfItsOwn() => popup.OpenRedirectPageWithoutOpenerAsync();

    [Then("it says {string}")]
    public Task ThenItSays(string text) => Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(text);

    [Then("I am still on the home page")]
    public void ThenIAmStillOnTheHomePage() => new Uri(browser.Page.Url).AbsolutePath.ShouldBe("/");

    [When("I click Connect")]
    public async Task WhenIClickConnect() => _release = await popup.StartAndHoldTheFallbackAsync();

    [Then("the page says {string} before it leaves")]
    public async Task ThenThePageSaysBeforeItLeaves(string text) => (await popup.StatusWhileLeavingAsync()).ShouldBe(text);

    [Then("Connect opens in the page instead, where I connect my {string} signing in as {string}")]
    public async Task ThenConnectOpensInThePage(string make, string email)
    {
        await _release!();
        await browser.Page.WaitForURLAsync(url => url.StartsWith(smartcar.BaseUrl + "/oauth/authorize?", StringComparison.Ordinal));
        await connect.SignInAsync(make, email);
        await connect.AllowAsync();
    }
}
