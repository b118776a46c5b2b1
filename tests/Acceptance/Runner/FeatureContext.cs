namespace SmartcarClean.Acceptance.Runner;

/// <summary>The feature of the running scenario (Reqnroll's FeatureContext); inject it into a binding constructor.</summary>
public sealed class FeatureContext(FeatureInfo featureInfo)
{
    public FeatureInfo FeatureInfo { get; } = featureInfo;
}

/// <summary>A feature's title and file, e.g. "Features/Connect.feature".</summary>
public sealed record FeatureInfo(string Title, string FilePath);
