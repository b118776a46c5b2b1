using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Support;

namespace SmartcarClean.Acceptance;

/// <summary>
/// Every scenario under Features/ is its own test case, named "Feature: Scenario". With ACCEPTANCE_WORKERS=2 the
/// scenarios are split over this class and <see cref="FeaturesSecondWorker"/>: two xUnit collections that run at the
/// same time, each with its own app, emulator (so its own clock) and browser. The default is one worker.
/// </summary>
public sealed class Features(AcceptanceFixture fixture) : IClassFixture<AcceptanceFixture>
{
    public static TheoryData<ScenarioCase> Scenarios => ForWorker(0);

    [ScenarioTheory, MemberData(nameof(Scenarios))]
    public Task Run(ScenarioCase scenario) => ScenarioRunner.Default.RunAsync(scenario, fixture.Services);

    internal static TheoryData<ScenarioCase> ForWorker(int worker) => ScenarioCatalog.Default.AsTheoryData(worker, AcceptanceFixture.Workers);
}

/// <summary>The second worker's share of the scenarios; none unless ACCEPTANCE_WORKERS=2.</summary>
public sealed class FeaturesSecondWorker(AcceptanceFixture fixture) : IClassFixture<AcceptanceFixture>
{
    public static TheoryData<ScenarioCase> Scenarios => Features.ForWorker(1);

    [ScenarioTheory(MayHaveNoScenarios = true), MemberData(nameof(Scenarios))]
    public Task Run(ScenarioCase scenario) => ScenarioRunner.Default.RunAsync(scenario, fixture.Services);
}
