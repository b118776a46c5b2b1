using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

/// <summary>
/// The consumer's wiring, over Samples/Theory: `dotnet test` lists each scenario as its own test case,
/// and the @wip one as skipped (with its reason), never as passed.
/// </summary>
public sealed class ScenarioTheoryTests
{
    private static readonly ScenarioRunner SampleRunner = new(new StepRegistry([typeof(CommonSteps)]));

    public static TheoryData<ScenarioCase> Scenarios =>
        ScenarioCatalog.Load(Path.Combine(AppContext.BaseDirectory, "RunnerTests", "Samples", "Theory")).AsTheoryData();

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public Task Run(ScenarioCase scenario) => SampleRunner.RunAsync(scenario, new TestServices(new Journal()));
}
