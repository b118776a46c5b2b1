using SmartcarClean.Acceptance.Bridge;
using Xunit.Abstractions;

namespace SmartcarClean.Acceptance;

/// <summary>
/// Every scenario under Features/ is its own test case, named "Feature: Scenario", run by Reqnroll through the
/// bridge (see Bridge/README.md), one after another in file order.
/// </summary>
[TestCaseOrderer(ScenarioOrderer.TypeName, ScenarioOrderer.AssemblyName)]
public sealed class Features(ReqnrollBridge reqnroll, ITestOutputHelper output) : IClassFixture<ReqnrollBridge>
{
    public static TheoryData<ScenarioCase> Scenarios => FeatureCatalog.Default.AsTheoryData();

    [ScenarioTheory, MemberData(nameof(Scenarios))]
    public Task Run(ScenarioCase scenario) => reqnroll.RunAsync(scenario, output);
}
