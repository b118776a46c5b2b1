using System.Text.Json;
using System.Xml.Linq;
using SmartcarClean.Acceptance.Runner;
using SmartcarClean.Acceptance.Runner.Reports;

namespace SmartcarClean.Acceptance.RunnerTests;

/// <summary>A screenshot-like file attached by a failing scenario, as the browser driver attaches its own.</summary>
[Binding]
public sealed class ScreenshotOnFailure(ScenarioContext context, IReqnrollOutputHelper output, ReportFolder folder)
{
    [AfterScenario]
    public void Attach()
    {
        if (context.TestError is null)
        {
            return;
        }

        var screenshot = Path.Combine(folder.Path, "scenarios", "failed", "screenshot.png");
        var trace = Path.Combine(folder.Path, "scenarios", "failed", "trace.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.WriteAllBytes(screenshot, [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllBytes(trace, [0x50, 0x4B]);
        output.AddAttachment(screenshot);
        output.AddAttachment(trace);
    }
}

public sealed record ReportFolder(string Path);

public sealed class ReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner-report-").FullName;
    private readonly string _features = Path.Combine(AppContext.BaseDirectory, "RunnerTests", "Samples", $"Reports-{Guid.NewGuid():N}");
    private readonly StepRegistry _registry = new([typeof(CommonSteps), typeof(ScreenshotOnFailure)]);

    public ReportTests()
    {
        // A folder of its own per test, so these results never mix with other tests' results.
        Directory.CreateDirectory(_features);
        File.WriteAllText(Path.Combine(_features, "Report.feature"), """
            Feature: Report

              @smoke
              Scenario: Passes
                Given a step that passes

              Scenario: Fails
                Given a step that passes
                When a step that fails
                Then a step that is never run

              @wip
              Scenario: Not written yet
                Given a step that is not written yet
            """);
    }

    [Fact]
    public async Task The_reports_show_every_scenario_and_step_with_its_status_and_a_failure_with_its_files()
    {
        var results = await RunAllAsync();

        RunReports.Write(results, _registry, _folder);

        var html = File.ReadAllText(Path.Combine(_folder, RunReports.HtmlFile));
        html.ShouldContain("Feature: Report");
        html.ShouldContain("<span class=\"badge failed\">failed</span> Fails");
        html.ShouldContain("<span class=\"badge skipped\">skipped</span> Not written yet");
        html.ShouldContain($"Step failed: When a step that fails ({Path.GetFileName(_features)}/Report.feature:9)");
        html.ShouldContain("src=\"data:image/png;base64,iVBORw==\"");
        html.ShouldContain("href=\"scenarios/failed/trace.zip\"");

        var junit = XDocument.Load(Path.Combine(_folder, RunReports.JUnitFile));
        var suite = junit.Root!.Element("testsuite")!;
        ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")).ShouldBe(("3", "1", "1"));
        suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "Fails")
            .Element("failure")!.Attribute("message")!.Value.ShouldBe($"Step failed: When a step that fails ({Path.GetFileName(_features)}/Report.feature:9)");
    }

    [Fact]
    public async Task The_cucumber_messages_are_one_json_envelope_a_line_and_every_reference_resolves()
    {
        var results = await RunAllAsync();

        RunReports.Write(results, _registry, _folder);

        var envelopes = File.ReadAllLines(Path.Combine(_folder, RunReports.CucumberMessagesFile)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var kinds = envelopes.Select(e => e.EnumerateObject().Single().Name).ToList();
        kinds[0].ShouldBe("meta");
        kinds[^1].ShouldBe("testRunFinished");
        kinds.Count(k => k == "pickle").ShouldBe(3);
        kinds.Count(k => k == "testCase").ShouldBe(3);
        var pickleSteps = Ids(envelopes, "pickle", p => p.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        var testSteps = Ids(envelopes, "testCase", c => c.GetProperty("testSteps").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        Ids(envelopes, "testCase", c => c.GetProperty("testSteps").EnumerateArray().Select(s => s.GetProperty("pickleStepId").GetString()!))
            .ShouldBeSubsetOf(pickleSteps);
        Ids(envelopes, "testStepFinished", f => [f.GetProperty("testStepId").GetString()!]).ShouldBeSubsetOf(testSteps);
        var statuses = envelopes.Where(e => e.TryGetProperty("testStepFinished", out _))
            .Select(e => e.GetProperty("testStepFinished").GetProperty("testStepResult").GetProperty("status").GetString()).ToList();
        statuses.ShouldBe(["PASSED", "PASSED", "FAILED", "SKIPPED", "SKIPPED"]);
        envelopes.Single(e => e.TryGetProperty("source", out _)).GetProperty("source").GetProperty("mediaType").GetString()
            .ShouldBe("text/x.cucumber.gherkin+plain");
        envelopes.Single(e => e.TryGetProperty("testRunFinished", out _)).GetProperty("testRunFinished").GetProperty("success").GetBoolean().ShouldBeFalse();
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_features, recursive: true);
    }

    private static IReadOnlyList<string> Ids(List<JsonElement> envelopes, string kind, Func<JsonElement, IEnumerable<string>> ids) =>
        [.. envelopes.Where(e => e.TryGetProperty(kind, out _)).SelectMany(e => ids(e.GetProperty(kind)))];

    private async Task<TestRunResults> RunAllAsync()
    {
        var catalog = ScenarioCatalog.Load(_features);
        var runner = new ScenarioRunner(_registry);
        foreach (var scenario in catalog.Scenarios)
        {
            if (scenario.SkipReason is not null)
            {
                TestRunResults.RecordSkipped(scenario);
                continue;
            }

            try
            {
                await runner.RunAsync(scenario, new TestServices(new Journal(), new ReportFolder(_folder)));
            }
            catch (StepFailedException)
            {
                // "Fails" fails on purpose.
            }
        }

        return TestRunResults.For(catalog.FeaturesFolder);
    }
}
