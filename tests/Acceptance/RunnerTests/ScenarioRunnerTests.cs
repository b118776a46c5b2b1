using System.Reflection;
using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.RunnerTests;

[Binding]
public sealed class HookSteps(Journal journal, ScenarioContext context)
{
    [BeforeScenario(Order = 2)]
    public static void SecondBefore(Journal journal) => journal.Add("before 2 (static)");

    [BeforeScenario(Order = 1)]
    public void FirstBefore() => journal.Add($"before 1 {context.ScenarioInfo.Title}");

    [AfterScenario]
    public async Task After()
    {
        await Task.Yield();
        journal.Add($"after, error: {context.TestError?.Message ?? "none"}");
    }
}

[Binding]
public sealed class AmbiguousSteps(Journal journal)
{
    [Given("an ambiguous step")]
    public void GivenAnAmbiguousStep() => journal.Add("one");

    [Given(@"^an (\w+) step$")]
    public void GivenAnyStep(string kind) => journal.Add(kind);
}

/// <summary>Created once per scenario; disposed when the scenario ends.</summary>
public sealed class VehicleState(Journal journal) : IAsyncDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public ValueTask DisposeAsync()
    {
        journal.Add($"disposed {Id}");
        return ValueTask.CompletedTask;
    }
}

[Binding]
public sealed class FirstScopeSteps(Journal journal, VehicleState state)
{
    [Given("the first binding notes its state")]
    public void GivenTheFirstBindingNotesItsState() => journal.Add($"first {state.Id}");
}

[Binding]
public sealed class SecondScopeSteps(Journal journal, VehicleState state)
{
    [Then("the second binding sees the same state")]
    public void ThenTheSecondBindingSeesTheSameState() => journal.Add($"second {state.Id}");
}

public sealed class ScenarioRunnerTests
{
    [Fact]
    public async Task Hooks_run_in_order_around_the_steps()
    {
        var passing = await Samples.RunAsync("Instances are shared within a scenario", typeof(HookSteps), typeof(FirstScopeSteps), typeof(SecondScopeSteps));

        passing.Entries.Count.ShouldBe(6);
        passing.Entries[0].ShouldBe("before 1 Instances are shared within a scenario");
        passing.Entries[1].ShouldBe("before 2 (static)");
        passing.Entries[2].ShouldStartWith("first ");
        passing.Entries[3].ShouldStartWith("second ");
        passing.Entries[4].ShouldBe("after, error: none");
        passing.Entries[5].ShouldStartWith("disposed ");
    }

    [Fact]
    public async Task A_failing_step_names_the_step_and_its_place_skips_the_rest_and_after_hooks_still_run()
    {
        var journal = new Journal();
        var runner = new ScenarioRunner(new StepRegistry([typeof(HookSteps), typeof(CommonSteps)]));

        var exception = await Should.ThrowAsync<StepFailedException>(
            () => runner.RunAsync(Samples.Scenario("A step fails"), new TestServices(journal)));

        exception.Message.ShouldStartWith(
            $"Step failed: When a step that fails (Samples/Failures.feature:5){Environment.NewLine}The car did not answer.");
        exception.Message.ShouldContain("Skipped steps:");
        exception.Message.ShouldContain("And another step that is never run");
        exception.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("The car did not answer.");
        journal.Entries.ShouldBe([
            "before 1 A step fails",
            "before 2 (static)",
            "passes",
            "fails",
            "after, error: The car did not answer.",
        ]);
    }

    [Fact]
    public async Task An_undefined_step_gives_its_place_and_a_snippet_to_paste()
    {
        var journal = new Journal();
        var runner = new ScenarioRunner(new StepRegistry([typeof(CommonSteps)]));

        var exception = await Should.ThrowAsync<StepBindingException>(
            () => runner.RunAsync(Samples.Scenario("Undefined step"), new TestServices(journal)));

        exception.Message.ShouldContain("Undefined step: And the user has 2 vehicles (Samples/Failures.feature:11)");
        exception.Message.ShouldContain(
            """[Given(@"the user has {int} vehicles")] public void GivenTheUserHasVehicles(int p0) => throw new PendingStepException();""");
        exception.Message.ShouldContain("Undefined step: When I rename \"Leaf\" to 'Zoe' (Samples/Failures.feature:12)");
        exception.Message.ShouldContain(
            """[When(@"I rename {string} to {string}")] public void WhenIRenameTo(string p0, string p1) => throw new PendingStepException();""");
        journal.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_undefined_step_says_when_only_another_keyword_matches()
    {
        var exception = await Should.ThrowAsync<StepBindingException>(
            () => Samples.RunAsync("Wrong keyword", typeof(ExpressionSteps)));

        exception.Message.ShouldContain("Undefined step: Given the speed is 3.5 (Samples/Failures.feature:18)");
        exception.Message.ShouldContain("another kind matches");
        exception.Message.ShouldContain("ExpressionSteps.WhenTheSpeedIs(Double)");
        exception.Message.ShouldContain("""[Given(@"the speed is {float}")] public void GivenTheSpeedIs(double p0)""");
    }

    [Fact]
    public async Task An_ambiguous_step_names_every_matching_method()
    {
        var exception = await Should.ThrowAsync<StepBindingException>(
            () => Samples.RunAsync("Ambiguous step", typeof(AmbiguousSteps)));

        exception.Message.ShouldContain("Ambiguous step: Given an ambiguous step (Samples/Failures.feature:15)");
        exception.Message.ShouldContain("AmbiguousSteps.GivenAnAmbiguousStep()");
        exception.Message.ShouldContain("AmbiguousSteps.GivenAnyStep(String)");
    }

    [Fact]
    public async Task Instances_are_shared_across_bindings_within_a_scenario_but_not_across_scenarios()
    {
        const string Name = "Instances are shared within a scenario";
        var first = await Samples.RunAsync(Name, typeof(FirstScopeSteps), typeof(SecondScopeSteps));
        var second = await Samples.RunAsync(Name, typeof(FirstScopeSteps), typeof(SecondScopeSteps));

        var id = first.Entries[0]["first ".Length..];
        first.Entries.ShouldBe([$"first {id}", $"second {id}", $"disposed {id}"]);
        second.Entries[0].ShouldNotBe(first.Entries[0]);
    }

    [Fact]
    public void The_default_runner_never_sees_the_sample_bindings()
    {
        var everything = StepRegistry.FromAssembly(typeof(ScenarioRunner).Assembly);

        everything.BindingTypes.ShouldContain(typeof(CommonSteps));
        ScenarioRunner.Default.Registry.BindingTypes.ShouldNotContain(typeof(CommonSteps));
        ScenarioRunner.Default.Registry.BindingTypes.ShouldAllBe(type => type.Namespace != typeof(CommonSteps).Namespace);
    }

    [Fact]
    public void A_registry_rejects_a_class_that_is_not_a_binding()
    {
        Should.Throw<ArgumentException>(() => new StepRegistry([typeof(Journal)])).Message.ShouldContain("[Binding]");
    }

    [Fact]
    public void Step_attributes_may_repeat_on_one_method()
    {
        typeof(CommonSteps).GetMethod(nameof(CommonSteps.ThenAStepThatIsNeverRun))!
            .GetCustomAttributes<ThenAttribute>().Count().ShouldBe(2);
    }
}
