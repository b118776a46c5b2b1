using System.Globalization;
using System.Net;
using System.Text;

namespace SmartcarClean.Acceptance.Runner.Reports;

/// <summary>
/// One stand-alone HTML page (no scripts, no outside resources): the run's totals and timings, then every feature,
/// scenario and step with its status and time. A failed scenario shows its error, its screenshots inline and
/// links to its other files (Playwright trace, emulator request log), relative to the report.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:80rem}
        h1{margin-bottom:.2rem} .muted{color:#57606a} table{border-collapse:collapse;margin:.5rem 0 1rem}
        th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
        .passed{color:#1a7f37} .failed{color:#cf222e} .skipped,.pending,.undefined,.ambiguous{color:#9a6700}
        .badge{display:inline-block;min-width:4.5rem;font-weight:600}
        section.feature{border-top:2px solid #d0d7de;margin-top:1.5rem} details{margin:.4rem 0 .4rem 1rem}
        summary{cursor:pointer} pre{background:#f6f8fa;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere}
        img{max-width:100%;border:1px solid #d0d7de;margin:.4rem 0} .tag{background:#ddf4ff;border-radius:.6rem;padding:0 .4rem;margin-right:.2rem;font-size:.85em}
        """;

    public static string Render(IReadOnlyList<ScenarioResult> scenarios, string folder)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acceptance report</title><style>")
            .Append(Style).Append("</style></head><body><h1>Acceptance report</h1>");
        Summary(html, scenarios);
        foreach (var feature in scenarios.GroupBy(s => s.Case.FeatureFile))
        {
            html.Append(Invariant($"<section class=\"feature\"><h2>Feature: {E(feature.First().Case.FeatureName)}</h2><p class=\"muted\">{E(feature.Key)}</p>"));
            foreach (var scenario in feature)
            {
                Scenario(html, scenario, folder);
            }

            html.Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static void Summary(StringBuilder html, IReadOnlyList<ScenarioResult> scenarios)
    {
        var (min, median, max) = RunReports.Spread(scenarios);
        var started = scenarios.Count == 0 ? "" : scenarios.Min(s => s.StartedAt).ToString("u", CultureInfo.InvariantCulture);
        html.Append(Invariant($"<p class=\"muted\">Started {E(started)}; whole run {Seconds(RunReports.WallClock(scenarios))}</p>"))
            .Append("<table><tr><th>scenarios</th><th class=\"passed\">passed</th><th class=\"failed\">failed</th><th class=\"skipped\">skipped</th>")
            .Append("<th>time per scenario: min</th><th>median</th><th>max</th></tr>")
            .Append(Invariant($"<tr><td>{scenarios.Count}</td><td>{Count(scenarios, ScenarioStatus.Passed)}</td><td>{Count(scenarios, ScenarioStatus.Failed)}</td>"))
            .Append(Invariant($"<td>{Count(scenarios, ScenarioStatus.Skipped)}</td><td>{Seconds(min)}</td><td>{Seconds(median)}</td><td>{Seconds(max)}</td></tr></table>"));

        var failed = scenarios.Where(s => s.Status == ScenarioStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            html.Append("<h2 class=\"failed\">Failed</h2><ul>");
            foreach (var scenario in failed)
            {
                html.Append(Invariant($"<li><a href=\"#{Anchor(scenario)}\">{E(scenario.Case.ToString())}</a></li>"));
            }

            html.Append("</ul>");
        }
    }

    private static void Scenario(StringBuilder html, ScenarioResult scenario, string folder)
    {
        var status = scenario.Status.ToString().ToLowerInvariant();
        html.Append(Invariant($"<details id=\"{Anchor(scenario)}\"{(scenario.Status == ScenarioStatus.Failed ? " open" : "")}><summary>"))
            .Append(Invariant($"<span class=\"badge {status}\">{status}</span> {E(scenario.Case.ScenarioName)} "))
            .Append(Invariant($"<span class=\"muted\">({Seconds(scenario.Duration)}, line {scenario.Case.Line})</span> "));
        foreach (var tag in scenario.Case.Tags)
        {
            html.Append(Invariant($"<span class=\"tag\">@{E(tag)}</span>"));
        }

        html.Append("</summary>");
        if (scenario.Scenario.Rule is { } rule)
        {
            html.Append(Invariant($"<p class=\"muted\">Rule: {E(rule)}</p>"));
        }

        html.Append("<table><tr><th>status</th><th>step</th><th>time</th></tr>");
        foreach (var step in scenario.Steps)
        {
            var stepStatus = step.Status.ToString().ToLowerInvariant();
            html.Append(Invariant($"<tr><td class=\"{stepStatus}\">{stepStatus}</td><td>{E(step.Title)} <span class=\"muted\">(line {step.Line})</span>"));
            if (step.Status != StepStatus.Passed && step.Status != StepStatus.Skipped && step.Error is { } error)
            {
                html.Append(Invariant($"<pre>{E(error)}</pre>"));
            }

            html.Append(Invariant($"</td><td>{Seconds(step.Duration)}</td></tr>"));
        }

        html.Append("</table>");
        if (scenario.Status == ScenarioStatus.Failed && scenario.Error is { } failure)
        {
            html.Append(Invariant($"<pre class=\"failed\">{E(failure)}</pre>"));
        }
        else if (scenario.Status == ScenarioStatus.Skipped)
        {
            html.Append(Invariant($"<p class=\"skipped\">{E(scenario.Error ?? "Skipped")}</p>"));
        }

        foreach (var line in scenario.Output)
        {
            html.Append(Invariant($"<pre>{E(line)}</pre>"));
        }

        Attachments(html, scenario, folder);
        html.Append("</details>");
    }

    private static void Attachments(StringBuilder html, ScenarioResult scenario, string folder)
    {
        var files = scenario.Attachments.Where(File.Exists).ToList();
        foreach (var image in files.Where(IsImage))
        {
            html.Append(Invariant($"<p><a href=\"{E(Link(folder, image))}\">{E(Path.GetFileName(image))}</a></p>"))
                .Append(Invariant($"<img alt=\"Screenshot when the scenario failed\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(image))}\">"));
        }

        var others = files.Where(file => !IsImage(file)).ToList();
        if (others.Count == 0)
        {
            return;
        }

        html.Append("<ul>");
        foreach (var file in others)
        {
            var hint = file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? " <span class=\"muted\">Playwright trace: open it at https://trace.playwright.dev or see the README</span>"
                : "";
            html.Append(Invariant($"<li><a href=\"{E(Link(folder, file))}\">{E(Path.GetRelativePath(folder, file))}</a>{hint}</li>"));
        }

        html.Append("</ul>");
    }

    private static bool IsImage(string path) => path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    // Relative to the report, so the folder can be moved or downloaded from CI as a whole.
    private static string Link(string folder, string file) =>
        string.Join('/', Path.GetRelativePath(folder, file).Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string Anchor(ScenarioResult scenario) => $"s-{scenario.Scenario.PickleId.GetHashCode(StringComparison.Ordinal):x8}";

    private static int Count(IReadOnlyList<ScenarioResult> scenarios, ScenarioStatus status) => scenarios.Count(s => s.Status == status);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
