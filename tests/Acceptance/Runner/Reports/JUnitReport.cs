using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace SmartcarClean.Acceptance.Runner.Reports;

/// <summary>JUnit XML, as CI servers read it: a test suite per feature, a test case per scenario, the steps in system-out.</summary>
internal static class JUnitReport
{
    public static XDocument Create(IReadOnlyList<ScenarioResult> scenarios) => new(
        new XElement("testsuites",
            new XAttribute("name", "Acceptance"),
            Counts(scenarios),
            scenarios.GroupBy(s => s.Case.FeatureFile).Select(feature => new XElement("testsuite",
                new XAttribute("name", feature.First().Case.FeatureName),
                new XAttribute("file", feature.Key),
                Counts([.. feature]),
                new XAttribute("timestamp", feature.Min(s => s.StartedAt).ToString("s", CultureInfo.InvariantCulture)),
                feature.Select(TestCase)))));

    private static IEnumerable<XAttribute> Counts(IReadOnlyList<ScenarioResult> scenarios) =>
    [
        new("tests", scenarios.Count),
        new("failures", scenarios.Count(s => s.Status == ScenarioStatus.Failed)),
        new("errors", 0),
        new("skipped", scenarios.Count(s => s.Status == ScenarioStatus.Skipped)),
        new("time", Seconds(scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration))),
    ];

    private static XElement TestCase(ScenarioResult scenario)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", scenario.Case.FeatureName),
            new XAttribute("name", scenario.Case.ScenarioName),
            new XAttribute("file", scenario.Case.FeatureFile),
            new XAttribute("line", scenario.Case.Line),
            new XAttribute("time", Seconds(scenario.Duration)));
        if (scenario.Status == ScenarioStatus.Failed)
        {
            var error = scenario.Error ?? "Failed";
            element.Add(new XElement("failure", new XAttribute("message", error.Split('\n')[0].TrimEnd()), error));
        }
        else if (scenario.Status == ScenarioStatus.Skipped)
        {
            element.Add(new XElement("skipped", new XAttribute("message", scenario.Error ?? "Skipped")));
        }

        var output = new StringBuilder();
        foreach (var step in scenario.Steps)
        {
            output.Append(CultureInfo.InvariantCulture, $"{step.Status,-9} {step.Title} ({Seconds(step.Duration)} s)").AppendLine();
        }

        foreach (var line in scenario.Output)
        {
            output.AppendLine(line);
        }

        // The attachment convention Jenkins and GitLab read.
        foreach (var attachment in scenario.Attachments)
        {
            output.Append(CultureInfo.InvariantCulture, $"[[ATTACHMENT|{attachment}]]").AppendLine();
        }

        element.Add(new XElement("system-out", output.ToString()));
        return element;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
