using SmartcarClean.Acceptance.Runner;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// Where a run's reports and failure files go: $ACCEPTANCE_ARTIFACTS, else artifacts/acceptance at the repository root.
/// Each failed scenario gets its own folder under scenarios/ (screenshot, trace, emulator request log).
/// </summary>
public sealed class AcceptanceArtifacts(string folder)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string ScenariosFolder => Path.Combine(Folder, "scenarios");

    public static AcceptanceArtifacts FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("ACCEPTANCE_ARTIFACTS") is { Length: > 0 } folder ? folder : DefaultFolder());

    /// <summary>"scenarios/ConnectVehicle--Deny-access-shows-a-friendly-message", created on first use.</summary>
    public string ScenarioFolder(FeatureInfo feature, ScenarioInfo scenario)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(scenario);
        var path = Path.Combine(ScenariosFolder, $"{SafeName(Path.GetFileNameWithoutExtension(feature.FilePath))}--{SafeName(scenario.Title)}");
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
