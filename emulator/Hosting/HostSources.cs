using System.Collections;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// Where the standalone host reads its settings: the command line, the environment variables, and the folder
/// (beside the binary) that holds <c>appsettings.json</c> and the default <c>applications.json</c>.
/// </summary>
public sealed record HostSources(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Variables, string Directory)
{
    public static HostSources OfThisProcess(string[] args) => new(
        args,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value),
        AppContext.BaseDirectory);
}
