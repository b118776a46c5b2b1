using SmartcarClean.Acceptance.Bridge;
using Xunit.Sdk;

namespace SmartcarClean.Acceptance.BridgeTests;

/// <summary>What xUnit sees of a scenario: its name, Category and Feature traits, its place in the run, and its failure.</summary>
public sealed class ScenarioCaseTests
{
    private static readonly IReadOnlyList<ScenarioCase> Samples =
        FeatureCatalog.Load(Path.Combine(AppContext.BaseDirectory, "BridgeTests", "Samples")).Scenarios;

    [Fact]
    public void A_scenario_test_case_is_named_after_the_scenario_with_a_category_trait_per_tag()
    {
        var testCase = TestCaseFor(Samples[1]);

        testCase.DisplayName.ShouldBe("Sample outline: An outline about cars [example 1]");
        testCase.Traits["Category"].ShouldBe(["sample", "first-examples"]);
        testCase.Traits["Feature"].ShouldBe(["Sample outline"]);
    }

    [Fact]
    public void A_case_survives_xunit_serialization()
    {
        var copy = SerializationHelper.Deserialize<ScenarioCase>(SerializationHelper.Serialize(Samples[3]));

        copy.ToString().ShouldBe(Samples[3].ToString());
        copy.Tags.ShouldBe(Samples[3].Tags);
        copy.SkipReason.ShouldBe(Samples[3].SkipReason);
        copy.Index.ShouldBe(3);
    }

    [Fact]
    public void Scenarios_run_feature_by_feature_in_file_order_whatever_order_xunit_found_them_in()
    {
        var shuffled = Samples.Select(TestCaseFor).Reverse().ToList();

        new ScenarioOrderer().OrderTestCases(shuffled).Select(testCase => testCase.DisplayName)
            .ShouldBe(Samples.Select(scenario => scenario.ToString()));
    }

    [Fact]
    public void A_failing_step_names_itself_its_file_and_line_and_the_steps_skipped_after_it()
    {
        var (_, scenario) = FeatureCatalog.Load(Path.Combine(AppContext.BaseDirectory, "BridgeTests", "Samples")).Find(Samples[0]);
        var cause = new InvalidOperationException("The car did not answer.");

        var failure = new StepFailedException("Samples/Outline.feature", scenario.Steps, 1, cause);

        failure.InnerException.ShouldBeSameAs(cause);
        failure.Message.ShouldBe(string.Join(
            Environment.NewLine,
            "Step failed: When a step with a table: (Samples/Outline.feature:8)",
            "The car did not answer.",
            string.Empty,
            "Skipped steps:",
            "  And a step with a doc string:",
            "  Then a final step"));
    }

    private static ScenarioTestCase TestCaseFor(ScenarioCase scenario)
    {
        var method = typeof(Features).GetMethod(nameof(Features.Run))!;
        var testClass = new TestClass(new TestCollection(new TestAssembly(new ReflectionAssemblyInfo(typeof(Features).Assembly)), null, "Samples"), new ReflectionTypeInfo(typeof(Features)));
        var testMethod = new TestMethod(testClass, new ReflectionMethodInfo(method));
#pragma warning disable CS0618 // the constructor xUnit's discoverer uses
        return new ScenarioTestCase(new NullMessageSink(), TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, testMethod, [scenario]);
#pragma warning restore CS0618
    }
}
