using Xunit.Abstractions;

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>
/// One scenario (or one example row of an outline) as theory data: xUnit serializes it, so each scenario is its own
/// test case in `dotnet test` output and in `--filter "DisplayName~Connect"`.
/// </summary>
public sealed class ScenarioCase : IXunitSerializable
{
    /// <summary>For xUnit deserialization only; <see cref="FeatureCatalog"/> makes scenarios.</summary>
    public ScenarioCase()
    {
    }

    internal ScenarioCase(string featuresFolder, GherkinFeature feature, GherkinScenario scenario)
    {
        FeaturesFolder = featuresFolder;
        FeatureFile = feature.RelativePath;
        FeatureName = feature.Title;
        ScenarioName = scenario.Name;
        Line = scenario.Line;
        Index = scenario.PickleIndex;
        Tags = [.. scenario.Tags];
        SkipReason = Tags.FirstOrDefault(IsSkipTag) is { } tag ? $"Tagged @{tag} ({FeatureFile}:{Line})" : null;
    }

    /// <summary>The absolute folder the catalog loaded: with <see cref="FeatureFile"/> and <see cref="Index"/> it finds the pickle again.</summary>
    public string FeaturesFolder { get; private set; } = "";

    /// <summary>Path relative to the features folder's parent, e.g. "Features/Connect.feature".</summary>
    public string FeatureFile { get; private set; } = "";

    public string FeatureName { get; private set; } = "";

    /// <summary>The pickle's name; an outline's rows add " [example N]".</summary>
    public string ScenarioName { get; private set; } = "";

    /// <summary>The scenario's line, or its example row's line.</summary>
    public int Line { get; private set; }

    /// <summary>Position of the pickle in its feature file (Reqnroll's pickle index).</summary>
    public int Index { get; private set; }

    /// <summary>Feature, rule, scenario and examples tags, without '@'.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>Set for scenarios tagged @wip or @ignore: reported as skipped, never run.</summary>
    public string? SkipReason { get; private set; }

    public static bool IsSkipTag(string tag) =>
        tag.Equals("wip", StringComparison.OrdinalIgnoreCase) || tag.Equals("ignore", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{FeatureName}: {ScenarioName}";

    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(FeaturesFolder), FeaturesFolder);
        info.AddValue(nameof(FeatureFile), FeatureFile);
        info.AddValue(nameof(FeatureName), FeatureName);
        info.AddValue(nameof(ScenarioName), ScenarioName);
        info.AddValue(nameof(Line), Line);
        info.AddValue(nameof(Index), Index);
        info.AddValue(nameof(Tags), Tags.ToArray());
        info.AddValue(nameof(SkipReason), SkipReason);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        FeaturesFolder = info.GetValue<string>(nameof(FeaturesFolder));
        FeatureFile = info.GetValue<string>(nameof(FeatureFile));
        FeatureName = info.GetValue<string>(nameof(FeatureName));
        ScenarioName = info.GetValue<string>(nameof(ScenarioName));
        Line = info.GetValue<int>(nameof(Line));
        Index = info.GetValue<int>(nameof(Index));
        Tags = info.GetValue<string[]>(nameof(Tags));
        SkipReason = info.GetValue<string?>(nameof(SkipReason));
    }
}
