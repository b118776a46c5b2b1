using SmartcarClean.Acceptance.Runner;
using Xunit.Sdk;

namespace SmartcarClean.Acceptance.RunnerTests;

[Binding]
public sealed class OutlineSteps(Journal journal)
{
    [Given("the battery is at {int} percent")]
    public void GivenTheBatteryIsAt(int level) => journal.Add($"level {level}");

    [Then("the car is {string}")]
    public void ThenTheCarIs(string state) => journal.Add($"state {state}");
}

public sealed class ScenarioCatalogTests
{
    [Fact]
    public void Each_scenario_is_a_case_named_feature_colon_scenario_with_its_file_line_and_tags()
    {
        var scenario = Samples.Scenario("Cucumber expressions");

        scenario.ToString().ShouldBe("Expressions: Cucumber expressions");
        scenario.FeatureFile.ShouldBe("Samples/Expressions.feature");
        scenario.Line.ShouldBe(7);
        scenario.SkipReason.ShouldBeNull();
    }

    [Fact]
    public void A_scenario_outline_is_one_case_per_example_row()
    {
        var rows = Samples.Catalog.Scenarios.Where(scenario => scenario.FeatureName == "Outline").ToList();

        rows.Select(row => row.ScenarioName).ShouldBe(["Charge to 20 [example 1]", "Charge to 90 [example 2]"]);
        rows.Select(row => row.Line).ShouldBe([13, 14]);
        rows.ShouldAllBe(row => row.Tags.Contains("charging"));
    }

    [Fact]
    public async Task An_example_row_runs_the_background_then_its_substituted_steps()
    {
        var journal = await Samples.RunAsync("Charge to 90 [example 2]", typeof(CommonSteps), typeof(OutlineSteps));

        journal.Entries.ShouldBe(["background", "level 90", "state full"]);
    }

    [Fact]
    public void Wip_and_ignore_scenarios_carry_a_skip_reason()
    {
        Samples.Scenario("Work in progress").SkipReason.ShouldBe("Tagged @wip (Samples/Scope.feature:8)");
        Samples.Scenario("Ignored").SkipReason.ShouldBe("Tagged @ignore (Samples/Scope.feature:12)");
    }

    [Fact]
    public async Task A_skipped_scenario_never_runs_and_never_passes()
    {
        var exception = await Should.ThrowAsync<InvalidOperationException>(
            () => Samples.RunAsync("Work in progress", typeof(CommonSteps)));

        exception.Message.ShouldContain("[ScenarioTheory]");
    }

    [Fact]
    public async Task A_scenario_case_round_trips_through_xunit_serialization_and_still_runs()
    {
        var original = Samples.Scenario("Charge to 20 [example 1]");

        var copy = SerializationHelper.Deserialize<ScenarioCase>(SerializationHelper.Serialize(original));

        (copy.FeaturesFolder, copy.FeatureFile, copy.FeatureName, copy.ScenarioName, copy.Line, copy.Index, copy.SkipReason)
            .ShouldBe((original.FeaturesFolder, original.FeatureFile, original.FeatureName, original.ScenarioName, original.Line, original.Index, original.SkipReason));
        copy.Tags.ShouldBe(original.Tags);
        copy.ToString().ShouldBe("Outline: Charge to 20 [example 1]");
        var journal = new Journal();
        await new ScenarioRunner(new StepRegistry([typeof(CommonSteps), typeof(OutlineSteps)])).RunAsync(copy, new TestServices(journal));
        journal.Entries.ShouldBe(["background", "level 20", "state low"]);
    }

    [Fact]
    public void Two_workers_share_the_scenarios_between_them_each_exactly_once()
    {
        var first = Samples.Catalog.AsTheoryData(0, 2).Cast<object[]>().Select(row => (ScenarioCase)row[0]).ToList();
        var second = Samples.Catalog.AsTheoryData(1, 2).Cast<object[]>().Select(row => (ScenarioCase)row[0]).ToList();

        first.ShouldNotBeEmpty();
        second.ShouldNotBeEmpty();
        first.Concat(second).OrderBy(s => s.FeatureFile, StringComparer.Ordinal).ThenBy(s => s.Index)
            .ShouldBe(Samples.Catalog.Scenarios.OrderBy(s => s.FeatureFile, StringComparer.Ordinal).ThenBy(s => s.Index));
    }

    [Fact]
    public void A_missing_features_folder_is_reported_with_its_path()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "NoSuchFeatures");

        Should.Throw<DirectoryNotFoundException>(() => ScenarioCatalog.Load(folder)).Message.ShouldContain(folder);
    }
}
