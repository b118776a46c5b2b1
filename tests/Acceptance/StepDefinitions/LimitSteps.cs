using Reqnroll;
using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.StepDefinitions;

[Binding]
public sealed class LimitSteps(LoginPage login, SmartcarEmulator smartcar)
{
    /// <summary>The starts the limit allows are set-up: sent with the browser's cookies, without loading Connect's page.</summary>
    [When("I start Connect {int} times in a row")]
    public async Task WhenIStartConnectTimesInARow(int times)
    {
        for (var i = 0; i < times; i++)
        {
            (await login.StartConnectWithoutLoadingAsync(smartcar.BaseUrl)).ShouldBeTrue($"start {i + 1} must reach Connect");
        }
    }

    [When("I start Connect once more")]
    public Task WhenIStartConnectOnceMore() => login.StartConnectByAddressAsync(smartcar.BaseUrl);

    [Then("I am asked to wait: {string}")]
    public Task ThenIAmAskedToWait(string title) => login.ExpectAskedToWaitAsync(title);
}
