using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class ConnectChoiceSteps(BrowserDriver browser, SmartcarConnectPages connect, SmartcarEmulator smartcar)
{
    private IPage Page => browser.Page;

    [When("I connect with the brand {string} and only one car, signing in as {string}")]
    public async Task WhenIConnectWithChoices(string make, string email)
    {
        await OpenChoicesAsync();
        await Page.GetByLabel("Brand (skips the brand list)").FillAsync(make);
        await Page.GetByLabel("Share only one car").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect with these choices" }).ClickAsync();
        await connect.SignInAsync(make: null, email);
        await connect.AllowAsync();
        await Page.WaitForURLAsync("**/vehicles");
    }

    [When("I ask to connect only the car with VIN {string}")]
    public async Task WhenIAskToConnectOnlyTheCarWithVin(string vin)
    {
        await OpenChoicesAsync();
        await Page.GetByLabel("Only the car with this VIN").FillAsync(vin);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect with these choices" }).ClickAsync();
    }

    [Then("Connect did not show the brand list")]
    public void ThenConnectDidNotShowTheBrandList() =>
        smartcar.Requests.Count(r => r.Path.EndsWith("/brands", StringComparison.Ordinal)).ShouldBe(0);

    [Then("I am told the choice is wrong: {string}")]
    public async Task ThenIAmToldTheChoiceIsWrong(string message)
    {
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        smartcar.CountRequests("GET", "/oauth/authorize").ShouldBe(0);
    }

    private Task OpenChoicesAsync() => Page.GetByText("Connect choices").ClickAsync();
}
