using Xunit.Abstractions;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// One scenario (or one example row of an outline) as theory data: xUnit serializes it, so each scenario is its
/// own test case in `dotnet test` output and in `--filter "DisplayName~Connect"`.
/// </summary>
public sealed class ScenarioCase : IXunitSerializable
{
    /// <summary>For xUnit deserialization only; use <see cref="ScenarioCatalog"/> to get scenarios.</summary>
    public ScenarioCase()
    {
    }

    internal ScenarioCase(string featuresFolder, FeatureFile feature, int index)
    {
        var scenario = feature.Scenarios[index];
        FeaturesFolder = featuresFolder;
        FeatureFile = feature.RelativePath;
        FeatureName = feature.FeatureName;
        ScenarioName = scenario.Name;
        Line = scenario.Line;
        Index = index;
        Tags = scenario.Tags;
        SkipReason = scenario.Tags.FirstOrDefault(IsSkipTag) is { } tag ? $"Tagged @{tag} ({FeatureFile}:{Line})" : null;
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

    /// <summary>Position of the pickle in its feature file.</summary>
    public int Index { get; private set; }

    /// <summary>Feature, rule, scenario and examples tags, without '@'.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>Set for scenarios tagged @wip or @ignore; [ScenarioTheory] reports them as skipped.</summary>
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
