using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Runner.Reports;

namespace SmartcarClean.Acceptance.Support;

/// <summary>Every run starts without the failure files of the last one and ends by writing its reports.</summary>
[Binding]
public sealed class ReportHooks
{
    [BeforeTestRun]
    public static void ForgetTheLastRun(AcceptanceArtifacts artifacts)
    {
        if (Directory.Exists(artifacts.ScenariosFolder))
        {
            Directory.Delete(artifacts.ScenariosFolder, recursive: true);
        }
    }

    [AfterTestRun]
    public static void WriteReports(AcceptanceArtifacts artifacts) =>
        RunReports.Write(TestRunResults.For(ScenarioCatalog.Default.FeaturesFolder), ScenarioRunner.Default.Registry, artifacts.Folder);
}
