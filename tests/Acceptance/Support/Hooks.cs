using SmartcarClean.Acceptance.Drivers;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

[Binding]
public sealed class Hooks(BrowserDriver browser, SmartcarEmulator emulator)
{
    /// <summary>Each scenario starts from a Smartcar that knows nobody and a browser with no cookies.</summary>
    [BeforeScenario]
    public async Task StartAsync()
    {
        emulator.Reset();
        await browser.StartAsync();
    }

    [AfterScenario]
    public Task StopAsync() => browser.StopAsync();
}
