namespace SmartcarClean.Acceptance.Runner.Reports;

/// <summary>Writes every report of a test run into one folder: report.html, junit.xml and cucumber.ndjson.</summary>
public static class RunReports
{
    public const string HtmlFile = "report.html";
    public const string JUnitFile = "junit.xml";
    public const string CucumberMessagesFile = "cucumber.ndjson";

    public static void Write(TestRunResults results, StepRegistry registry, string folder)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(registry);
        Directory.CreateDirectory(folder);
        var scenarios = InFileOrder(results.Scenarios);
        File.WriteAllText(Path.Combine(folder, HtmlFile), HtmlReport.Render(scenarios, folder));
        JUnitReport.Create(scenarios).Save(Path.Combine(folder, JUnitFile));
        using var ndjson = File.Create(Path.Combine(folder, CucumberMessagesFile));
        var startedAt = scenarios.Select(s => s.StartedAt).Append(results.StartedAt).Min();
        CucumberMessagesReport.Write(scenarios, registry, startedAt, folder, ndjson);
    }

    /// <summary>Features by path, scenarios in the order they are written: the order a reader expects.</summary>
    internal static IReadOnlyList<ScenarioResult> InFileOrder(IEnumerable<ScenarioResult> results) =>
        [.. results.OrderBy(r => r.Case.FeatureFile, StringComparer.Ordinal).ThenBy(r => r.Case.Index).ThenBy(r => r.StartedAt)];

    /// <summary>The whole run's wall-clock time: from the first scenario's start to the last one's end.</summary>
    internal static TimeSpan WallClock(IReadOnlyList<ScenarioResult> scenarios) => scenarios.Count == 0
        ? TimeSpan.Zero
        : scenarios.Max(s => s.StartedAt + s.Duration) - scenarios.Min(s => s.StartedAt);

    /// <summary>Minimum, median and maximum time of the scenarios that ran.</summary>
    internal static (TimeSpan Min, TimeSpan Median, TimeSpan Max) Spread(IReadOnlyList<ScenarioResult> scenarios)
    {
        var times = scenarios.Where(s => s.Status != ScenarioStatus.Skipped).Select(s => s.Duration).Order().ToList();
        return times.Count == 0 ? default : (times[0], times[times.Count / 2], times[^1]);
    }
}
