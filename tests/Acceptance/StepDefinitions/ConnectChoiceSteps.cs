using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Support;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class ConnectChoiceSteps(
    HomePage home, SmartcarConnectPages connect, LoginPage login, ExchangePage exchange, VehiclesPage vehicles, SmartcarEmulator smartcar)
{
    [When("I connect with the brand {string} and only one car, signing in as {string}")]
    public async Task WhenIConnectWithChoices(string make, string email)
    {
        await home.ConnectWithBrandAndOneCarAsync(make);
        await connect.SignInAsync(make: null, email);
        await connect.AllowAndReturnAsync();
    }

    [When("I ask to connect only the car with VIN {string}")]
    public Task WhenIAskToConnectOnlyTheCarWithVin(string vin) => home.ConnectOnlyTheCarWithVinAsync(vin);

    [Then("Connect did not show the brand list")]
    public void ThenConnectDidNotShowTheBrandList() =>
        smartcar.Requests.Count(r => r.Path.EndsWith("/brands", StringComparison.Ordinal)).ShouldBe(0);

    [Then("I am told the choice is wrong: {string}")]
    public async Task ThenIAmToldTheChoiceIsWrong(string message)
    {
        await login.ExpectRefusedAsync(message);
        smartcar.CountRequests("GET", "/oauth/authorize").ShouldBe(0);
    }

    [When("I connect my {string} again")]
    public async Task WhenIConnectAgain(string make)
    {
        await home.OpenAsync();
        await home.StartConnectAsync();
        await connect.SignInAsync(make, TestData.OwnerEmail);
        // Already allowed: Connect goes straight back to the app.
        await vehicles.WaitUntilShownAsync();
    }

    [When("I connect my {string} again choosing {string}")]
    public async Task WhenIConnectAgainChoosing(string make, string choice)
    {
        await home.OpenAsync();
        await home.ConnectChoosingAsync(choice);
        await connect.SignInAsync(make, TestData.OwnerEmail);
        await connect.AllowAndReturnAsync();
    }

    [Then("Connect asked what to share {int} time(s)")]
    public void ThenConnectAskedWhatToShare(int times) =>
        smartcar.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/permissions", StringComparison.Ordinal)
            && r.Path.StartsWith("/connect/", StringComparison.Ordinal)).ShouldBe(times);

    [When("I ask Connect for only the car with VIN {string} and sign in to my {string} account")]
    public async Task WhenIAskConnectForOnlyTheCarWithVin(string vin, string make)
    {
        await home.ConnectOnlyTheCarWithVinAsync(vin);
        await connect.SignInAsync(make, TestData.OwnerEmail);
    }

    [Then("Connect explains {string}")]
    public Task ThenConnectExplains(string text) => connect.ExpectSaysAsync(text);

    [When("I return to the app from Connect")]
    public Task WhenIReturnToTheAppFromConnect() => connect.ReturnToTheAppAsync();

    [Then("the explanation quotes Connect: {string}")]
    public Task ThenTheExplanationQuotesConnect(string message) => exchange.ExpectFailureDetailAsync($"Connect said: \u201c{message}\u201d");
}
