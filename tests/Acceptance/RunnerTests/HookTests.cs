using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

[Binding]
public sealed class StepHooks(Journal journal, ScenarioContext context)
{
    [BeforeStep]
    public void BeforeStep() => journal.Add($"before {context.StepContext!.StepInfo.StepDefinitionType} {context.StepContext.StepInfo.Text}");

    [AfterStep]
    public void AfterStep() => journal.Add($"after, error: {context.StepContext!.TestError?.Message ?? "none"}");

    [BeforeScenario("tagged")]
    public void OnlyForTaggedScenarios() => journal.Add("tagged hook");

    [AfterScenario("@no-scenario-has-this-tag")]
    public void NeverRuns() => journal.Add("never");
}

[Binding]
public sealed class TestRunHooks
{
    [BeforeTestRun]
    public static void StartRun(Journal journal) => journal.Add("run starts");

    [AfterTestRun]
    public static Task EndRunAsync(Journal journal)
    {
        journal.Add("run ends");
        return Task.CompletedTask;
    }
}

[Binding]
public sealed class InstanceTestRunHook(Journal journal)
{
    [BeforeTestRun]
    public void NotStatic() => journal.Add("never");
}

public sealed class HookTests
{
    [Fact]
    public async Task Step_hooks_wrap_each_step_that_runs_and_see_its_error_and_tagged_hooks_run_only_for_their_tags()
    {
        var journal = new Journal();
        var runner = new ScenarioRunner(new StepRegistry([typeof(CommonSteps), typeof(StepHooks)]));

        await Should.ThrowAsync<StepFailedException>(() => runner.RunAsync(Samples.Scenario("Step hooks wrap every step"), new TestServices(journal)));

        journal.Entries.ShouldBe([
            "tagged hook",
            "before Given the journal is open", "background", "after, error: none",
            "before Given a step that passes", "passes", "after, error: none",
            "before When a step that fails", "fails", "after, error: The car did not answer.",
        ]);
    }

    [Fact]
    public async Task Test_run_hooks_run_once_however_often_they_are_asked_for()
    {
        var journal = new Journal();
        var runner = new ScenarioRunner(new StepRegistry([typeof(TestRunHooks)]));
        var services = new TestServices(journal);

        await Task.WhenAll(runner.BeforeTestRunAsync(services), runner.BeforeTestRunAsync(services));
        await runner.AfterTestRunAsync(services);
        await runner.AfterTestRunAsync(services);

        journal.Entries.ShouldBe(["run starts", "run ends"]);
    }

    [Fact]
    public async Task A_test_run_hook_must_be_static()
    {
        var runner = new ScenarioRunner(new StepRegistry([typeof(InstanceTestRunHook)]));

        var exception = await Should.ThrowAsync<InvalidOperationException>(() => runner.BeforeTestRunAsync(new TestServices(new Journal())));

        exception.Message.ShouldContain("InstanceTestRunHook.NotStatic must be static");
    }

    [Fact]
    public async Task A_test_run_hook_gets_its_parameters_from_the_test_run_services_or_says_what_is_missing()
    {
        var runner = new ScenarioRunner(new StepRegistry([typeof(TestRunHooks)]));

        var exception = await Should.ThrowAsync<InvalidOperationException>(() => runner.BeforeTestRunAsync(new TestServices()));

        exception.Message.ShouldContain("asks for a Journal");
    }
}
