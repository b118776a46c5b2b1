using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class SecretSteps(BrowserDriver browser, VehiclesPage vehicles, SmartcarEmulator smartcar, CapturedLogs logs, ConnectJourney journey)
{
    [When("I look at my vehicles")]
    public async Task WhenILookAtMyVehicles()
    {
        await vehicles.OpenAsync();
        await vehicles.RowsAsync();
    }

    [Then("no token Smartcar issued appears in the page source")]
    public async Task ThenNoTokenAppearsInThePageSource() => ShouldContainNoToken(await browser.PageSourceAsync());

    [Then("no token Smartcar issued appears in the browser's cookies")]
    public async Task ThenNoTokenAppearsInTheCookies()
    {
        var cookies = await browser.CookiesAsync();
        cookies.ShouldNotBeEmpty("the app keeps its user in a cookie, so there is something to look at");
        ShouldContainNoToken(string.Join("\n", cookies.Select(c => $"{c.Name}={c.Value}")));
    }

    [Then("no token Smartcar issued appears in the app's logs")]
    public void ThenNoTokenAppearsInTheLogs()
    {
        smartcar.IssuedTokens.ShouldNotBeEmpty("a token must have been issued for this check to mean anything");
        ShouldNotBeLogged(smartcar.IssuedTokens);
    }

    [Then("neither the authorization code nor the client secret appears in the app's logs")]
    public void ThenNoCodeOrSecretAppearsInTheLogs()
    {
        var codes = journey.Codes.ToList();
        codes.ShouldNotBeEmpty("the scenario must have come back from Connect with a code");
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestRun.ClientId}:{TestRun.ClientSecret}"));
        ShouldNotBeLogged([.. codes, TestRun.ClientSecret, basic]);
    }

    [Then("every page carries a Content-Security-Policy that allows only the app itself")]
    public async Task ThenEveryPageCarriesAContentSecurityPolicy()
    {
        foreach (var path in new[] { "/", "/vehicles", "/exchange?state=nothing", "/account/signin", "/account/register" })
        {
            var headers = await browser.HeadersOfAsync(path);
            headers["content-security-policy"].ShouldContain("default-src 'self'");
            headers["x-content-type-options"].ShouldBe("nosniff");
            headers["referrer-policy"].ShouldBe("no-referrer");
        }
    }

    // Names the offending log lines, so a failure says which logger leaked.
    private void ShouldNotBeLogged(IEnumerable<string> secrets)
    {
        logs.Lines.ShouldNotBeEmpty("the app logs at Trace level in these tests");
        var leaks = logs.Lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        leaks.ShouldBeEmpty();
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
