using System.Collections.Concurrent;

namespace SmartcarClean.Acceptance.Bridge;

/// <summary>Every scenario of every *.feature file under one folder, one <see cref="ScenarioCase"/> per pickle.</summary>
public sealed class FeatureCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<FeatureCatalog>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, GherkinFeature> _features;

    private FeatureCatalog(string featuresFolder)
    {
        if (!Directory.Exists(featuresFolder))
        {
            throw new DirectoryNotFoundException(
                $"No features folder at {featuresFolder}: are the .feature files copied to the output directory?");
        }

        var parent = Path.GetDirectoryName(featuresFolder) ?? featuresFolder;
        _features = Directory.EnumerateFiles(featuresFolder, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => GherkinFeature.Load(path, Path.GetRelativePath(parent, path).Replace('\\', '/')))
            .ToDictionary(feature => feature.RelativePath, StringComparer.Ordinal);
        Scenarios = [.. _features.Values.SelectMany(feature => feature.Scenarios.Select(scenario => new ScenarioCase(featuresFolder, feature, scenario)))];
    }

    /// <summary>The "Features" folder next to the test assembly.</summary>
    public static FeatureCatalog Default => Load(Path.Combine(AppContext.BaseDirectory, "Features"));

    /// <summary>All scenarios in file order, skipped ones included (see <see cref="ScenarioCase.SkipReason"/>).</summary>
    public IReadOnlyList<ScenarioCase> Scenarios { get; }

    /// <summary>The catalog of a folder, parsed once per test run.</summary>
    public static FeatureCatalog Load(string featuresFolder)
    {
        var fullPath = Path.GetFullPath(featuresFolder).TrimEnd(Path.DirectorySeparatorChar);
        return Loaded.GetOrAdd(fullPath, path => new Lazy<FeatureCatalog>(() => new FeatureCatalog(path))).Value;
    }

    public TheoryData<ScenarioCase> AsTheoryData()
    {
        var data = new TheoryData<ScenarioCase>();
        foreach (var scenario in Scenarios)
        {
            data.Add(scenario);
        }

        return data;
    }

    internal (GherkinFeature Feature, GherkinScenario Scenario) Find(ScenarioCase scenario)
    {
        if (_features.TryGetValue(scenario.FeatureFile, out var feature)
            && scenario.Index < feature.Scenarios.Count
            && feature.Scenarios[scenario.Index].Name == scenario.ScenarioName)
        {
            return (feature, feature.Scenarios[scenario.Index]);
        }

        throw new InvalidOperationException(
            $"Scenario \"{scenario}\" is no longer at {scenario.FeatureFile}:{scenario.Line}; rebuild so the tests are discovered again.");
    }
}
