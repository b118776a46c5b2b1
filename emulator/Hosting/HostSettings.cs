using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// The standalone host's settings, read like any .NET app's, each source winning over the ones before it: the host's
/// defaults (port 8010), <c>appsettings.json</c>, the older variables <c>EMULATOR_PORT</c> and <c>EMULATOR_CONFIG</c>,
/// <c>Emulator__*</c> variables, the command line. Besides every <see cref="EmulatorOptions"/> setting, the
/// <c>Emulator</c> section names the applications file.
/// </summary>
public sealed record HostSettings(EmulatorOptions Options, string ApplicationsFile)
{
    public const int DefaultPort = 8010;

    /// <summary>The setting that names the applications file, the one setting of this host alone.</summary>
    public const string ApplicationsFileSetting = "ApplicationsFile";

    private const string EnvironmentPrefix = EmulatorSettings.Section + "__";

    /// <summary>Reads and checks every source; on a value it cannot use, returns false and one line saying why.</summary>
    public static bool TryRead(HostArguments arguments, HostSources sources, [NotNullWhen(true)] out HostSettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(sources);
        settings = null;
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [Key(nameof(EmulatorOptions.Port))] = $"{DefaultPort}" })
                .SetBasePath(sources.Directory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddInMemoryCollection(OlderVariables(sources.Variables))
                // What AddEnvironmentVariables() reads of this section ("__" for ":"), from the variables given.
                .AddInMemoryCollection(sources.Variables
                    .Where(variable => variable.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                    .Select(variable => KeyValuePair.Create(variable.Key.Replace("__", ":", StringComparison.Ordinal), variable.Value)))
                .AddInMemoryCollection(arguments.Settings)
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            error = $"{Path.Combine(sources.Directory, "appsettings.json")} cannot be read: {e.InnerException?.Message ?? e.Message}";
            return false;
        }

        var section = configuration.GetSection(EmulatorSettings.Section);
        if (!EmulatorSettings.TryBind(section, [ApplicationsFileSetting], out var options, out error))
        {
            return false;
        }

        var applicationsFile = section[ApplicationsFileSetting];
        settings = new HostSettings(
            options,
            string.IsNullOrWhiteSpace(applicationsFile)
                ? Path.Combine(sources.Directory, "applications.json")
                : Path.GetFullPath(applicationsFile));
        return true;
    }

    private static string Key(string setting) => $"{EmulatorSettings.Section}:{setting}";

    /// <summary>The variables this host read before it read .NET configuration, kept as other names of two settings.</summary>
    private static Dictionary<string, string?> OlderVariables(IReadOnlyDictionary<string, string?> variables)
    {
        var settings = new Dictionary<string, string?>();
        if (variables.TryGetValue("EMULATOR_PORT", out var port))
        {
            settings[Key(nameof(EmulatorOptions.Port))] = port;
        }

        if (variables.TryGetValue("EMULATOR_CONFIG", out var config))
        {
            settings[Key(ApplicationsFileSetting)] = config;
        }

        return settings;
    }
}
