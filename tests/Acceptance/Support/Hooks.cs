using System.Text.Json;
using SmartcarClean.Acceptance.Drivers;
using Reqnroll;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

[Binding]
public sealed class Hooks(
    BrowserDriver browser,
    SmartcarEmulator emulator,
    AcceptanceArtifacts artifacts,
    FeatureContext feature,
    ScenarioContext scenario,
    IReqnrollOutputHelper output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Each scenario starts from a Smartcar that knows nobody and a browser with no cookies.</summary>
    [BeforeScenario]
    public async Task StartAsync()
    {
        emulator.Reset();
        await browser.StartAsync();
    }

    [AfterScenario]
    public Task StopAsync() => browser.StopAsync();

    /// <summary>What Smartcar was asked during a failed scenario: the emulator is reset before the next one.</summary>
    [AfterScenario]
    public async Task KeepTheEmulatorRequestLogOnFailureAsync()
    {
        if (scenario.TestError is null)
        {
            return;
        }

        var path = Path.Combine(artifacts.ScenarioFolder(feature.FeatureInfo, scenario.ScenarioInfo), "emulator-requests.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(emulator.Requests, Indented));
        output.AddAttachment(path);
    }
}
