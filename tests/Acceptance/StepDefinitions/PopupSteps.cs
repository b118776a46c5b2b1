using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class PopupSteps(
    ConnectPopup popup, HomePage home, SmartcarConnectPages connect, ExchangePage exchange, SmartcarEmulator smartcar, AppUnderTest app)
{
    [Given("I choose to open Connect in a pop-up")]
    public Task GivenIChooseThePopup() => popup.ChooseAsync();

    [Given("my browser blocks pop-ups")]
    public Task GivenMyBrowserBlocksPopups() => popup.BlockPopupsAsync();

    [When("I connect my {string} in the pop-up and allow access")]
    public async Task WhenIConnectInThePopupAndAllow(string make)
    {
        await popup.OpenAsync();
        await connect.SignInAsync(make, TestData.OwnerEmail);
        await connect.AllowAsync();
    }

    [When("I connect my {string} in the pop-up and deny access")]
    public async Task WhenIConnectInThePopupAndDeny(string make)
    {
        await popup.OpenAsync();
        await connect.SignInAsync(make, TestData.OwnerEmail);
        await connect.DenyAsync();
    }

    [When("I open Connect in the pop-up")]
    public Task WhenIOpenConnectInThePopup() => popup.OpenAsync();

    [When("the page receives a Smartcar message with the right state from its own origin instead of the redirect page's")]
    public async Task WhenAMessageFromAnotherOriginArrives()
    {
        await popup.WatchMessagesAsync();
        await popup.PostForgedMessageFromThePageAsync(popup.IssuedState());
    }

    [When("the page receives a Smartcar message from the redirect page's origin with another state")]
    public Task WhenAMessageWithAnotherStateArrives() => popup.PostForgedMessageFromThePopupAsync("forged-state");

    [Then("the page ignored both messages: nothing was sent to the app and Smartcar issued no token")]
    public async Task ThenThePageIgnoredBothMessages()
    {
        await popup.WaitUntilPageHasHandledAsync(2);
        popup.ExchangePosts.ShouldBeEmpty();
        await exchange.ExpectNoFailureAsync();
        smartcar.CountRequests("POST", "/oauth/token").ShouldBe(0);
    }

    [When("I finish in the pop-up and allow access")]
    public async Task WhenIFinishInThePopup()
    {
        await connect.SignInAsync("TESLA", TestData.OwnerEmail);
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
    public Task ThenItSays(string text) => popup.ExpectRedirectPageSaysAsync(text);

    [Then("I am still on the home page")]
    public void ThenIAmStillOnTheHomePage() => home.ExpectStillHere();

    [When("I click Connect")]
    public Task WhenIClickConnect() => popup.StartAndHoldTheFallbackAsync();

    [Then("the page says {string} before it leaves")]
    public async Task ThenThePageSaysBeforeItLeaves(string text) => (await popup.StatusWhileLeavingAsync()).ShouldBe(text);

    [Then("Connect opens in the page instead, where I connect my {string}")]
    public async Task ThenConnectOpensInThePage(string make)
    {
        await popup.ReleaseTheFallbackAsync();
        await connect.ExpectOpenedAsync();
        await connect.SignInAsync(make, TestData.OwnerEmail);
        await connect.AllowAsync();
    }
}
