using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Support;

namespace SmartcarClean.Acceptance;

/// <summary>Every scenario under Features/ is its own test case, named "Feature: Scenario".</summary>
public sealed class Features(AcceptanceFixture fixture) : IClassFixture<AcceptanceFixture>
{
    public static TheoryData<ScenarioCase> Scenarios => ScenarioCatalog.Default.AsTheoryData();

    [ScenarioTheory, MemberData(nameof(Scenarios))]
    public Task Run(ScenarioCase scenario) => ScenarioRunner.Default.RunAsync(scenario, fixture.Services);
}
