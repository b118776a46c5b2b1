using System.Collections.Concurrent;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>How a step ended, in Cucumber's words (the reports use the same ones).</summary>
public enum StepStatus
{
    Passed,
    Failed,
    Skipped,
    Pending,
    Undefined,
    Ambiguous,
}

/// <summary>How a scenario ended: skipped only when tagged @wip or @ignore (it never ran).</summary>
public enum ScenarioStatus
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One step as it ran: its binding (when one matched), status, time and error.</summary>
public sealed record StepResult(string Keyword, string Text, int Line, StepStatus Status, TimeSpan Duration, string? Error, string? Binding)
{
    internal string PickleStepId { get; init; } = "";

    internal StepBinding? StepBinding { get; init; }

    public string Title => $"{Keyword.Trim()} {Text}";
}

/// <summary>One scenario as it ran, with what its hooks attached (screenshots, traces, logs).</summary>
public sealed record ScenarioResult(
    ScenarioCase Case,
    ScenarioStatus Status,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<StepResult> Steps,
    string? Error,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<string> Output)
{
    internal FeatureFile Feature { get; init; } = null!;

    internal CompiledScenario Scenario { get; init; } = null!;
}

/// <summary>
/// Every scenario of one features folder that ran (or was skipped) in this test run, in the order they ended.
/// The reports are written from it; the runner's own tests use other folders, so they never show in the real reports.
/// </summary>
public sealed class TestRunResults
{
    private static readonly ConcurrentDictionary<string, TestRunResults> ByFolder = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<ScenarioResult> _scenarios = new();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public IReadOnlyList<ScenarioResult> Scenarios => [.. _scenarios];

    public static TestRunResults For(string featuresFolder) => ByFolder.GetOrAdd(featuresFolder, _ => new TestRunResults());

    internal void Add(ScenarioResult result) => _scenarios.Enqueue(result);

    /// <summary>Records a scenario that was not run because of its @wip/@ignore tag.</summary>
    internal static void RecordSkipped(ScenarioCase scenario)
    {
        var (feature, compiled) = ScenarioCatalog.Load(scenario.FeaturesFolder).Find(scenario);
        var steps = compiled.Steps
            .Select(step => new StepResult(step.Keyword, step.Text, step.Line, StepStatus.Skipped, TimeSpan.Zero, null, null) { PickleStepId = step.PickleStepId })
            .ToList();
        For(scenario.FeaturesFolder).Add(new ScenarioResult(
            scenario, ScenarioStatus.Skipped, DateTimeOffset.UtcNow, TimeSpan.Zero, steps, scenario.SkipReason, [], [])
        {
            Feature = feature,
            Scenario = compiled,
        });
    }
}
