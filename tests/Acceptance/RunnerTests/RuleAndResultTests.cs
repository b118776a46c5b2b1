using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

public sealed class RuleAndResultTests
{
    [Fact]
    public async Task A_rule_scenario_runs_the_feature_background_then_the_rule_background_and_carries_every_tag()
    {
        var scenario = Samples.Scenario("Charge at 95 [example 2]");

        scenario.Tags.ShouldBe(["feature-tag", "rule-tag", "outline-tag", "high"]);
        scenario.Line.ShouldBe(25);
        var journal = await Samples.RunAsync(scenario.ScenarioName, typeof(CommonSteps), typeof(OutlineSteps));
        journal.Entries.ShouldBe(["background", "passes", "level 95"]);
    }

    [Fact]
    public async Task Each_step_is_recorded_with_its_status_and_the_failure_with_its_message()
    {
        var scenario = Samples.Scenario("A step fails");

        await Should.ThrowAsync<StepFailedException>(() => Samples.RunAsync(scenario.ScenarioName, typeof(CommonSteps)));

        var result = TestRunResults.For(scenario.FeaturesFolder).Scenarios.Last(r => r.Case.ScenarioName == scenario.ScenarioName);
        result.Status.ShouldBe(ScenarioStatus.Failed);
        result.Steps.Select(step => (step.Title, step.Status)).ShouldBe([
            ("Given a step that passes", StepStatus.Passed),
            ("When a step that fails", StepStatus.Failed),
            ("Then a step that is never run", StepStatus.Skipped),
            ("And another step that is never run", StepStatus.Skipped),
        ]);
        result.Steps[1].Error.ShouldBe("The car did not answer.");
        result.Steps[1].Binding.ShouldBe("[When(\"a step that fails\")] CommonSteps.WhenAStepThatFails()");
        result.Error!.ShouldStartWith("Step failed: When a step that fails (Samples/Failures.feature:5)");
        result.Duration.ShouldBeGreaterThanOrEqualTo(result.Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Duration));
    }

    [Fact]
    public async Task Undefined_and_ambiguous_steps_are_recorded_as_such_and_nothing_runs()
    {
        var scenario = Samples.Scenario("Undefined step");

        await Should.ThrowAsync<StepBindingException>(() => Samples.RunAsync(scenario.ScenarioName, typeof(CommonSteps)));

        var result = TestRunResults.For(scenario.FeaturesFolder).Scenarios.Last(r => r.Case.ScenarioName == scenario.ScenarioName);
        result.Steps.Select(step => step.Status).ShouldBe([StepStatus.Skipped, StepStatus.Undefined, StepStatus.Undefined]);
        result.Steps[1].Error!.ShouldContain("[Given(@\"the user has {int} vehicles\")]");
    }

    [Fact]
    public async Task A_step_can_attach_files_and_write_lines_to_the_report()
    {
        var scenario = Samples.Scenario("Runs as its own test case");
        var file = Path.Combine(Path.GetTempPath(), $"attachment-{Guid.NewGuid():N}.txt");

        await new ScenarioRunner(new StepRegistry([typeof(CommonSteps), typeof(AttachingHooks)]))
            .RunAsync(scenario, new TestServices(new Journal(), new AttachmentFile(file)));

        var result = TestRunResults.For(scenario.FeaturesFolder).Scenarios.Last(r => r.Case.ScenarioName == scenario.ScenarioName && r.Attachments.Count > 0);
        result.Attachments.ShouldBe([file]);
        result.Output.ShouldBe(["a line for the report"]);
    }
}

public sealed record AttachmentFile(string Path);

[Binding]
public sealed class AttachingHooks(IReqnrollOutputHelper output, AttachmentFile file)
{
    [AfterScenario]
    public void Attach()
    {
        output.WriteLine("a line for the report");
        output.AddAttachment(file.Path);
    }
}
