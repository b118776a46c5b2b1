namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// The standalone host's command line as configuration keys: <c>--Emulator:Name=value</c> sets any setting, and
/// <c>--port</c>, <c>--urls</c>, <c>--config</c> and <c>--wiremock-admin</c> are shortcuts for the one each names.
/// The values are checked where every source's are, in <see cref="EmulatorSettings"/>; an argument that is none of
/// these is refused rather than ignored.
/// </summary>
public sealed record HostArguments(IReadOnlyDictionary<string, string?> Settings, bool ShowHelp)
{
    public const string Usage = """
        Smartcar emulator: Connect, auth and the Vehicle API on one loopback origin.

        Usage: dotnet run --project emulator -- [options]

          --Emulator:NAME=VALUE  any setting (emulator/README.md lists them), e.g. --Emulator:AccessTokenLifetime=00:05:30;
                                 also from environment variables (Emulator__NAME) and appsettings.json beside the binary
          --port N               port on 127.0.0.1 (default 8010, 0 = any free port): Emulator:Port, env EMULATOR_PORT
          --urls http://127.0.0.1:N   the same, ASP.NET style (loopback http only)
          --config FILE          applications file (default applications.json beside the binary):
                                 Emulator:ApplicationsFile, env EMULATOR_CONFIG
          --wiremock-admin       turn on WireMock's /__admin API, for debugging only: anything on the machine can then
                                 add any mapping (even one serving a local file) and read secrets unmasked
          --help, -h             print this help and exit

        The command line wins over environment variables, which win over appsettings.json.
        Admin page: http://127.0.0.1:PORT/_emulator   Health: GET /health
        """;

    private const string SettingPrefix = EmulatorSettings.Section + ":";

    /// <summary>Parses; on an argument it does not know, or one without its value, returns false and says which.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out HostArguments parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        parsed = new HostArguments(settings, ShowHelp: false);
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (name is "--help" or "-h" or "-?")
            {
                parsed = parsed with { ShowHelp = true };
                return true;
            }

            if (name == "--wiremock-admin" && inlineValue is null)
            {
                settings[Setting(nameof(EmulatorOptions.EnableWireMockAdmin))] = "true";
                continue;
            }

            var key = name switch
            {
                "--port" or "--urls" => Setting(nameof(EmulatorOptions.Port)),
                "--config" => Setting(HostSettings.ApplicationsFileSetting),
                _ when name.StartsWith("--" + SettingPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > SettingPrefix.Length + 2 => name[2..],
                _ => null,
            };
            if (key is null)
            {
                error = $"Unknown argument '{args[i]}'.";
                return false;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (name == "--urls")
            {
                if (!TryReadLoopbackPort(value, out var port))
                {
                    error = $"--urls must be one http://127.0.0.1:PORT or http://localhost:PORT address (the emulator listens on loopback only), got '{value}'.";
                    return false;
                }

                value = port;
            }

            settings[key] = value;
        }

        return true;
    }

    private static string Setting(string name) => SettingPrefix + name;

    /// <summary>The port of an ASP.NET-style <c>--urls</c> value, if it is a single plain http address on loopback.</summary>
    private static bool TryReadLoopbackPort(string urls, out string port)
    {
        port = "";
        if (!Uri.TryCreate(urls, UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttp
            || url.Host is not ("127.0.0.1" or "localhost")
            || url.PathAndQuery != "/" || url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            return false;
        }

        port = url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }
}
