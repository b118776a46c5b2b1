using System.Collections.Concurrent;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>Every scenario of every *.feature file under one folder, one <see cref="ScenarioCase"/> per pickle.</summary>
public sealed class ScenarioCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<ScenarioCatalog>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, FeatureFile> _features;

    private ScenarioCatalog(string featuresFolder)
    {
        if (!Directory.Exists(featuresFolder))
        {
            throw new DirectoryNotFoundException(
                $"No features folder at {featuresFolder}: are the .feature files copied to the output directory?");
        }

        FeaturesFolder = featuresFolder;
        var parent = Path.GetDirectoryName(featuresFolder) ?? featuresFolder;
        _features = Directory.EnumerateFiles(featuresFolder, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => FeatureFile.Load(path, Path.GetRelativePath(parent, path).Replace('\\', '/')))
            .ToDictionary(feature => feature.RelativePath, StringComparer.Ordinal);
        Scenarios = _features.Values
            .SelectMany(feature => feature.Scenarios.Select((_, index) => new ScenarioCase(featuresFolder, feature, index)))
            .ToList();
    }

    /// <summary>The "Features" folder next to the test assembly.</summary>
    public static ScenarioCatalog Default => Load(Path.Combine(AppContext.BaseDirectory, "Features"));

    public string FeaturesFolder { get; }

    /// <summary>All scenarios, skipped ones included (see <see cref="ScenarioCase.SkipReason"/>).</summary>
    public IReadOnlyList<ScenarioCase> Scenarios { get; }

    /// <summary>The catalog of a folder, parsed once per test run.</summary>
    public static ScenarioCatalog Load(string featuresFolder)
    {
        var fullPath = Path.GetFullPath(featuresFolder).TrimEnd(Path.DirectorySeparatorChar);
        return Loaded.GetOrAdd(fullPath, path => new Lazy<ScenarioCatalog>(() => new ScenarioCatalog(path))).Value;
    }

    /// <summary>All scenarios, or with <paramref name="workers"/> above 1, every workers-th one from <paramref name="worker"/> (0-based) on.</summary>
    public TheoryData<ScenarioCase> AsTheoryData(int worker = 0, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        var data = new TheoryData<ScenarioCase>();
        foreach (var scenario in Scenarios.Where((_, i) => i % workers == worker))
        {
            data.Add(scenario);
        }

        return data;
    }

    internal (FeatureFile Feature, CompiledScenario Scenario) Find(ScenarioCase scenario)
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
