using Reqnroll;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// Where a run's reports and failure files go: $ACCEPTANCE_ARTIFACTS, else artifacts/acceptance at the repository root.
/// Each failed scenario gets its own folder under scenarios/ (screenshot, trace, emulator request log).
/// </summary>
public sealed class AcceptanceArtifacts(string folder)
{
    private const string Variable = "ACCEPTANCE_ARTIFACTS";

    public string Folder { get; } = Path.GetFullPath(folder);

    public string ScenariosFolder => Path.Combine(Folder, "scenarios");

    public static AcceptanceArtifacts FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? folder : DefaultFolder());

    /// <summary>Sets $ACCEPTANCE_ARTIFACTS to the folder when it is not set: reqnroll.json's report paths name it.</summary>
    public static void PublishFolder() => Environment.SetEnvironmentVariable(Variable, FromEnvironment().Folder);

    /// <summary>"scenarios/Connect-a-vehicle--Deny-access-shows-a-friendly-message", created on first use.</summary>
    public string ScenarioFolder(FeatureInfo feature, ScenarioInfo scenario)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(scenario);
        var path = Path.Combine(ScenariosFolder, $"{SafeName(feature.Title)}--{SafeName(scenario.Title)}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string DefaultFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartcarClean.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts", "acceptance");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestResults", "acceptance");
    }

    private static string SafeName(string text) =>
        string.Concat(text.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
}
