using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class TimeSteps(BrowserDriver browser, SmartcarEmulator smartcar)
{
    [When("{int} hour(s) pass")]
    public void WhenHoursPass(int hours) => smartcar.AdvanceClock(TimeSpan.FromHours(hours));

    [When("{int} day(s) pass")]
    public void WhenDaysPass(int days) => smartcar.AdvanceClock(TimeSpan.FromDays(days));

    [When("I open my vehicles page")]
    public async Task WhenIOpenMyVehiclesPage() => await browser.Page.GotoAsync("/vehicles");

    [Then("I am asked to connect again")]
    public Task ThenIAmAskedToConnectAgain() => Expect(browser.Page.GetByTestId("reconnect")).ToBeVisibleAsync();

    [Then("exactly {int} token refresh(es) reached Smartcar")]
    public void ThenExactlyTokenRefreshesReachedSmartcar(int count) =>
        smartcar.Requests.Count(r => r.Path.StartsWith("/oauth/token", StringComparison.Ordinal)
            && (r.Body ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal)).ShouldBe(count);
}
