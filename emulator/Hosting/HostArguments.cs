using System.Globalization;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// The standalone host's options: <c>--port</c>/<c>EMULATOR_PORT</c> and <c>--config</c>/<c>EMULATOR_CONFIG</c>
/// (the applications file); arguments win over environment variables. <c>--wiremock-admin</c> turns on WireMock's
/// <c>/__admin</c> API (<see cref="EmulatorOptions.EnableWireMockAdmin"/>).
/// </summary>
public sealed record HostArguments(int Port, string ApplicationsFile, bool ShowHelp, bool WireMockAdmin = false)
{
    public const int DefaultPort = 8010;

    public const string Usage = """
        Smartcar emulator: Connect, auth and the Vehicle API on one loopback origin.

        Usage: dotnet run --project emulator -- [--port N] [--config FILE] [--wiremock-admin] [--help]

          --port N          port on 127.0.0.1 (default 8010, 0 = any free port)   env EMULATOR_PORT
          --config FILE     applications file (default applications.json beside the binary)   env EMULATOR_CONFIG
          --wiremock-admin  turn on WireMock's /__admin API, for debugging only: anything on the machine can then
                            add any mapping (even one serving a local file) and read secrets unmasked
          --help, -h        print this help and exit

        Admin page: http://127.0.0.1:PORT/_emulator   Health: GET /health
        """;

    /// <summary>Parses; on bad input returns false and a message saying what to fix.</summary>
    public static bool TryParse(
        IReadOnlyList<string> args, Func<string, string?> environment, out HostArguments parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        parsed = new HostArguments(DefaultPort, Path.Combine(AppContext.BaseDirectory, "applications.json"), false);
        error = "";
        string? port = environment("EMULATOR_PORT");
        var portSource = "EMULATOR_PORT";
        string? config = environment("EMULATOR_CONFIG");

        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    parsed = parsed with { ShowHelp = true };
                    return true;
                case "--wiremock-admin" when inlineValue is null:
                    parsed = parsed with { WireMockAdmin = true };
                    break;
                case "--port" or "--config":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        error = $"{name} needs a value.";
                        return false;
                    }

                    if (name == "--port")
                    {
                        (port, portSource) = (value, "--port");
                    }
                    else
                    {
                        config = value;
                    }

                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
            {
                error = $"{portSource} must be a port number from 0 to 65535, got '{port}'.";
                return false;
            }

            parsed = parsed with { Port = number };
        }

        if (!string.IsNullOrWhiteSpace(config))
        {
            parsed = parsed with { ApplicationsFile = Path.GetFullPath(config) };
        }

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
