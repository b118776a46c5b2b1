using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
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

    [When("I connect my {string} again signing in as {string}")]
    public async Task WhenIConnectAgain(string make, string email)
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Connect your car" }).ClickAsync();
        await connect.SignInAsync(make, email);
        // Already allowed: Connect goes straight back to the app.
        await Page.WaitForURLAsync("**/vehicles");
    }

    [When("I connect my {string} again choosing {string}, signing in as {string}")]
    public async Task WhenIConnectAgainChoosing(string make, string choice, string email)
    {
        await Page.GotoAsync("/");
        await OpenChoicesAsync();
        await Page.GetByLabel(choice).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect with these choices" }).ClickAsync();
        await connect.SignInAsync(make, email);
        await connect.AllowAsync();
        await Page.WaitForURLAsync("**/vehicles");
    }

    [Then("Connect asked what to share {int} time(s)")]
    public void ThenConnectAskedWhatToShare(int times) =>
        smartcar.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/permissions", StringComparison.Ordinal)
            && r.Path.StartsWith("/connect/", StringComparison.Ordinal)).ShouldBe(times);

    [When("I ask Connect for only the car with VIN {string} and sign in to my {string} account as {string}")]
    public async Task WhenIAskConnectForOnlyTheCarWithVin(string vin, string make, string email)
    {
        await WhenIAskToConnectOnlyTheCarWithVin(vin);
        await connect.SignInAsync(make, email);
    }

    [Then("Connect explains {string}")]
    public Task ThenConnectExplains(string text) => Expect(Page.GetByText(text)).ToBeVisibleAsync();

    [When("I return to the app from Connect")]
    public Task WhenIReturnToTheAppFromConnect() => Page.Locator("#return-to-app").ClickAsync();

    [Then("the explanation quotes Connect: {string}")]
    public Task ThenTheExplanationQuotesConnect(string message) =>
        Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Connect said: \u201c{message}\u201d");

    private Task OpenChoicesAsync() => Page.GetByText("Connect choices").ClickAsync();
}
