using SmartcarClean.Acceptance.Bridge;

namespace SmartcarClean.Acceptance.BridgeTests;

/// <summary>What the bridge owns: finding the scenarios, their names, tags, outline rows, steps with their lines.</summary>
public sealed class FeatureCatalogTests
{
    private static readonly FeatureCatalog Samples = FeatureCatalog.Load(Path.Combine(AppContext.BaseDirectory, "BridgeTests", "Samples"));

    [Fact]
    public void Every_scenario_and_example_row_is_a_case_named_feature_colon_scenario_in_file_order() =>
        Samples.Scenarios.Select(scenario => scenario.ToString()).ShouldBe(
        [
            "Sample outline: A plain scenario",
            "Sample outline: An outline about cars [example 1]",
            "Sample outline: An outline about bikes [example 2]",
            "Sample outline: An outline about boats [example 3]",
            "Sample rules: Ignored",
            "Sample rules: Inside the rule",
        ]);

    [Fact]
    public void A_scenario_has_the_tags_of_its_feature_rule_scenario_and_examples() =>
        Samples.Scenarios.Select(scenario => string.Join(" ", scenario.Tags)).ShouldBe(
            ["sample smoke", "sample first-examples", "sample first-examples", "sample wip", "ignore", "rule-tag"]);

    [Fact]
    public void Wip_and_ignore_scenarios_are_skipped_with_the_reason_and_place() =>
        Samples.Scenarios.Select(scenario => scenario.SkipReason).ShouldBe(
            [null, null, null, "Tagged @wip (Samples/Outline.feature:30)", "Tagged @ignore (Samples/Rules.feature:3)", null]);

    [Fact]
    public void An_outline_row_keeps_its_own_line_and_its_values_as_reqnroll_arguments()
    {
        var (_, row) = Samples.Find(Samples.Scenarios[2]);

        row.Line.ShouldBe(25);
        var info = row.ToScenarioInfo();
        info.Title.ShouldBe("An outline about bikes");
        info.Arguments["thing"].ShouldBe("bikes");
        info.Arguments["result"].ShouldBe("slow");
        info.Tags.ShouldBe(["first-examples"]);
        info.CombinedTags.ShouldBe(["first-examples", "sample"], ignoreOrder: true);
        row.Steps.Select(step => $"{step} :{step.Line}").ShouldBe(["Given a background step :4", "When I use bikes :18", "Then it is slow :19"]);
    }

    [Fact]
    public void Steps_carry_their_table_and_doc_string_and_the_background_comes_first()
    {
        var (feature, scenario) = Samples.Find(Samples.Scenarios[0]);

        feature.ToFeatureInfo().Tags.ShouldBe(["sample"]);
        scenario.Steps.Select(step => step.ToString()).ShouldBe(
            ["Given a background step", "When a step with a table:", "And a step with a doc string:", "Then a final step"]);
        scenario.Steps[1].Table!.Rows.Single()["make"].ShouldBe("TESLA");
        scenario.Steps[2].DocString.ShouldBe("some text");
    }

    [Fact]
    public void A_scenario_in_a_rule_knows_its_rule()
    {
        var (_, scenario) = Samples.Find(Samples.Scenarios[5]);

        scenario.ToRuleInfo()!.Title.ShouldBe("A rule with a tag");
        scenario.ToScenarioInfo().CombinedTags.ShouldBe(["rule-tag"]);
        scenario.Steps.Select(step => step.ToString()).ShouldBe(["Given a rule background step", "Then a step"]);
    }

    [Fact]
    public void The_feature_hands_reqnroll_its_cucumber_messages_with_one_pickle_per_case()
    {
        var (feature, _) = Samples.Find(Samples.Scenarios[0]);

        var messages = feature;
        messages.HasMessages.ShouldBeTrue();
        messages.Source.Uri.ShouldBe("Samples/Outline.feature");
        messages.GherkinDocument.Uri.ShouldBe("Samples/Outline.feature");
        messages.Pickles.Select(pickle => pickle.Name).ShouldBe(
            ["A plain scenario", "An outline about cars", "An outline about bikes", "An outline about boats"]);
    }
}
