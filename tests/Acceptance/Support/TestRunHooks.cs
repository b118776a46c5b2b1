using Reqnroll;
using Reqnroll.BoDi;
using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// Starts what the whole run shares (<see cref="TestRun"/>) and puts it in Reqnroll's test-run container, so step
/// classes, drivers and hooks receive it in their constructors; every run starts without the last one's failure files.
/// </summary>
[Binding]
public sealed class TestRunHooks
{
    [BeforeTestRun]
    public static async Task StartAsync(IObjectContainer testRunContainer)
    {
        ArgumentNullException.ThrowIfNull(testRunContainer);
        var artifacts = AcceptanceArtifacts.FromEnvironment();
        if (Directory.Exists(artifacts.ScenariosFolder))
        {
            Directory.Delete(artifacts.ScenariosFolder, recursive: true);
        }

        var run = await TestRun.StartAsync();
        testRunContainer.RegisterInstanceAs(run);
        testRunContainer.RegisterInstanceAs(artifacts);
        testRunContainer.RegisterInstanceAs<SmartcarEmulator>(run.Emulator);
        testRunContainer.RegisterInstanceAs(run.Browsers);
        testRunContainer.RegisterInstanceAs<TestApps>(run.Apps);
        testRunContainer.RegisterInstanceAs<CapturedLogs>(run.Logs);
    }

    [AfterTestRun]
    public static async Task StopAsync(TestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await run.DisposeAsync();
    }
}
