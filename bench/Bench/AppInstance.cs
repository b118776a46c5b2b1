using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace SmartcarClean.Bench;

/// <summary>
/// One instance of the real app: the built <c>SmartcarClean.Web.dll</c> run by <c>dotnet</c> as a process of its own,
/// on Kestrel at a free loopback port. Alone (<see cref="StartAsync"/>): its SQLite database and key ring in a temporary
/// folder and its embedded Smartcar emulator on another free port; the app and the emulator share one clock, so
/// advancing the emulator's clock (<see cref="EmulatorSteering.AdvanceClockAsync"/>) expires the app's tokens and
/// readings too. One of several (<see cref="StartSharingAsync"/>): a shared PostgreSQL database and the standalone
/// emulator, and the app's clock is the real one.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private readonly StreamWriter _log;
    private readonly bool _ownsEmulator;

    private AppInstance(Process process, Uri baseUrl, EmulatorSteering smartcar, string dataDirectory, string logFile, StreamWriter log, bool ownsEmulator)
    {
        _ownsEmulator = ownsEmulator;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        Smartcar = smartcar;
        _dataDirectory = dataDirectory;
        _logFile = logFile;
    }

    /// <summary>The app's address as Smartcar's redirect URI names it: http is allowed on "localhost" only.</summary>
    public Uri BaseUrl { get; }

    public EmulatorSteering Smartcar { get; }

    /// <summary>
    /// Starts an instance in <paramref name="flow"/> (<c>Classic</c> or <c>ServerSide</c>) with its embedded emulator and
    /// waits until it is ready; what it prints goes to <paramref name="logFile"/>, kept after the run for a 500 to be explained.
    /// </summary>
    public static async Task<AppInstance> StartAsync(string flow, string logFile)
    {
        var (appPort, emulatorPort) = (FreePort(), FreePort());
        var baseUrl = new Uri($"http://localhost:{appPort}");
        var settings = Settings(flow, baseUrl);
        settings["ASPNETCORE_ENVIRONMENT"] = "Development"; // the embedded emulator, and plain http
        settings["Smartcar__RedirectUri"] = new Uri(baseUrl, "/exchange").AbsoluteUri;
        settings["Emulator__Port"] = emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Emulator__PopupRedirectUri"] = $"https://javascript-sdk.smartcar.com/v2/redirect?app_origin={baseUrl.GetLeftPart(UriPartial.Authority)}";
        return await LaunchAsync(flow, logFile, baseUrl, settings, new EmulatorSteering(new Uri($"http://127.0.0.1:{emulatorPort}")), ownsEmulator: true);
    }

    /// <summary>
    /// Starts one of several instances (README "Several instances"): no embedded emulator, the database
    /// <paramref name="connectionString"/> (PostgreSQL, shared with the others, key ring included) and every
    /// <c>Smartcar__*BaseUrl</c> at the standalone <paramref name="emulator"/>, with the client it registers.
    /// </summary>
    public static async Task<AppInstance> StartSharingAsync(string flow, string logFile, StandaloneEmulator emulator, string connectionString)
    {
        var baseUrl = new Uri($"http://localhost:{FreePort()}");
        var settings = Settings(flow, baseUrl);
        var smartcar = emulator.BaseUrl.GetLeftPart(UriPartial.Authority);
        settings["ASPNETCORE_ENVIRONMENT"] = "Development"; // plain http
        settings["Emulator__Enabled"] = "false";
        settings["Database__Provider"] = "PostgreSql";
        settings["ConnectionStrings__Default"] = connectionString;
        // The client emulator/applications.json registers; Connect's redirect goes to the instance that started it.
        settings["Smartcar__ClientId"] = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
        settings["Smartcar__ClientSecret"] = "emulator-client-secret";
        settings["Smartcar__RedirectUri"] = "http://localhost:8000/exchange";
        settings["Smartcar__Mode"] = "test";
        foreach (var url in new[] { "ConnectBaseUrl", "AuthBaseUrl", "ApiBaseUrl", "ApplicationAuthBaseUrl", "VehicleApiBaseUrl", "JavaScriptSdkBaseUrl" })
        {
            settings[$"Smartcar__{url}"] = smartcar;
        }

        return await LaunchAsync(flow, logFile, baseUrl, settings, emulator.Smartcar, ownsEmulator: false);
    }

    private static async Task<AppInstance> LaunchAsync(string flow, string logFile, Uri baseUrl, Dictionary<string, string> settings, EmulatorSteering smartcar, bool ownsEmulator)
    {
        var start = Dotnet(Built(Path.Combine("src", "Web"), "SmartcarClean.Web.dll"), Path.Combine(RepositoryRoot(), "src", "Web")); // the content root: appsettings*.json
        var dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-bench-").FullName;
        settings["DataDirectory"] = dataDirectory;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var process = Process.Start(start) ?? throw new BenchException("dotnet did not start.");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AppInstance(process, baseUrl, smartcar, dataDirectory, logFile, log, ownsEmulator);
        await instance.WaitUntilReadyAsync(flow);
        return instance;
    }

    /// <summary>
    /// <c>dotnet DLL</c>, its output redirected, with none of this shell's settings about Smartcar, the emulator, the
    /// database or the environment: the bench decides them.
    /// </summary>
    public static ProcessStartInfo Dotnet(string dll, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in start.Environment.Keys.Where(IsOutsideSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        return start;
    }

    /// <summary>A project's built <paramref name="dll"/>, in the configuration the bench was built in (bench/run.sh builds them together).</summary>
    public static string Built(string project, string dll)
    {
        var configuration = typeof(AppInstance).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot(), project, "bin", configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new BenchException($"{dll} is not built ({path} is missing): run bench/run.sh, which builds it.");
    }

    /// <summary>What every instance is given: its flow and free port, warnings-only logging and no abuse limit per address.</summary>
    private static Dictionary<string, string> Settings(string flow, Uri baseUrl)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{baseUrl.Port}",
            ["Smartcar__Flow"] = flow,
            // The app's own log lines are not what is measured: warnings and errors only.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // Every load comes from 127.0.0.1: one very busy address. Per user the defaults stay.
        foreach (var action in new[] { "SignIn", "Register", "StartConnect", "Exchange" })
        {
            settings[$"RateLimits__{action}__PerAddress"] = "1000000";
        }

        return settings;
    }

    private static bool IsOutsideSetting(string name) =>
        name.StartsWith("SMARTCAR_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Smartcar__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Emulator__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private async Task WaitUntilReadyAsync(string flow)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new BenchException($"the app ({flow}) stopped at start-up with exit code {_process.ExitCode}: {LogTail()}");
            }

            try
            {
                // 503 while the database or key ring is not ready; a commit without /health/ready answers something
                // else once it listens (a redirect to localhost, a 404), which is ready enough to measure.
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{BaseUrl.Port}/health/ready"));
                if (ready.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(200);
        }

        throw new BenchException($"the app ({flow}) was not ready after 90 s: {LogTail()}");
    }

    /// <summary>How many lines the app has printed so far: a mark for <see cref="UnhandledExceptionsSince"/>.</summary>
    public int LogLength => ReadLog().Count;

    /// <summary>
    /// The cause of each request that ended in the app's exception handler (a 500) since <paramref name="mark"/>: the
    /// innermost exception the log names, e.g. <c>Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 5: ...</c>.
    /// </summary>
    public IReadOnlyList<string> UnhandledExceptionsSince(int mark)
    {
        var lines = ReadLog();
        var causes = new List<string>();
        for (var i = mark; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", StringComparison.Ordinal))
            {
                var entry = lines.Skip(i + 1).TakeWhile(line => line.StartsWith(' ')).Select(line => line.Trim()).ToList();
                var cause = entry.LastOrDefault(line => line.StartsWith("--->", StringComparison.Ordinal))?[4..].Trim()
                    ?? entry.FirstOrDefault(line => line.Contains("Exception", StringComparison.Ordinal) && !line.StartsWith("at ", StringComparison.Ordinal));
                causes.Add(cause ?? "an exception");
            }
        }

        return causes;
    }

    private string LogTail() => string.Join(Environment.NewLine, ReadLog().TakeLast(15));

    // The app is still writing it.
    private List<string> ReadLog()
    {
        lock (_log)
        {
            using var file = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            return lines;
        }
    }

    public static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SmartcarClean.sln")))
            {
                return folder.FullName;
            }
        }

        throw new BenchException("SmartcarClean.sln not found above the bench's binary.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsEmulator)
        {
            Smartcar.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder; the machine clears it
        }
    }
}
