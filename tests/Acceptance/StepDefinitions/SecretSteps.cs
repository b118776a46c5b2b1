using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class SecretSteps(BrowserDriver browser, AppPages app, SmartcarEmulator smartcar, CapturedLogs logs)
{
    [When("I look at my vehicles")]
    public async Task WhenILookAtMyVehicles()
    {
        await browser.Page.GotoAsync("/vehicles");
        await app.VehicleRowsAsync();
    }

    [Then("no token Smartcar issued appears in the page source")]
    public async Task ThenNoTokenAppearsInThePageSource() => ShouldContainNoToken(await browser.Page.ContentAsync());

    [Then("no token Smartcar issued appears in the browser's cookies")]
    public async Task ThenNoTokenAppearsInTheCookies()
    {
        var cookies = await browser.Context.CookiesAsync();
        cookies.ShouldNotBeEmpty("the app keeps its user in a cookie, so there is something to look at");
        ShouldContainNoToken(string.Join("\n", cookies.Select(c => $"{c.Name}={c.Value}")));
    }

    [Then("no token Smartcar issued appears in the app's logs")]
    public void ThenNoTokenAppearsInTheLogs()
    {
        logs.Lines.ShouldNotBeEmpty("the app logs at Trace level in these tests");
        ShouldContainNoToken(string.Join("\n", logs.Lines));
    }

    private void ShouldContainNoToken(string text)
    {
        smartcar.IssuedTokens.ShouldNotBeEmpty("a token must have been issued for this check to mean anything");
        foreach (var token in smartcar.IssuedTokens)
        {
            text.ShouldNotContain(token);
        }
    }
}
