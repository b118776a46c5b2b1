using Microsoft.Playwright;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;
using static Microsoft.Playwright.Assertions;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class DisconnectSteps(BrowserDriver browser, SmartcarEmulator smartcar)
{
    private IPage Page => browser.Page;

    [When("I disconnect it and confirm")]
    public async Task WhenIDisconnectItAndConfirm()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect this car" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, disconnect" }).ClickAsync();
    }

    [When("I disconnect all my cars and confirm")]
    public async Task WhenIDisconnectAllMyCarsAndConfirm()
    {
        await Page.GotoAsync("/vehicles");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect all cars" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, disconnect all" }).ClickAsync();
    }

    [When("I disconnect that Smartcar account and confirm")]
    public async Task WhenIDisconnectThatSmartcarAccountAndConfirm()
    {
        await Page.GotoAsync("/vehicles");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Disconnect this Smartcar account" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, disconnect the account" }).ClickAsync();
    }

    [Then("I see {string}")]
    public Task ThenISee(string message) => Expect(Page.GetByTestId("disconnect-result")).ToHaveTextAsync(message);

    [Then(@"^(\d+) cars? (?:is|are) listed$")]
    public Task ThenCarsAreListed(int count) => Expect(Page.Locator("table tbody tr")).ToHaveCountAsync(count);

    [Then("I have no car connected")]
    public Task ThenIHaveNoCarConnected() => Expect(Page.GetByText("You have not connected a car yet.")).ToBeVisibleAsync();

    [Then("Smartcar was asked to revoke access {int} time(s)")]
    public void ThenSmartcarWasAskedToRevokeAccess(int count) =>
        smartcar.Requests.Count(r => r.Method == "DELETE" && r.Path.EndsWith("/application", StringComparison.Ordinal)).ShouldBe(count);
}
