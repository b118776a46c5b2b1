using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace SmartcarClean.Bench;

/// <summary>
/// One instance of the real app: the built <c>SmartcarClean.Web.dll</c> run by <c>dotnet</c> as a process of its own,
/// on Kestrel at a free loopback port, with its SQLite database and key ring in a temporary folder, and its embedded
/// Smartcar emulator on another free port. Offline the app and the emulator share one clock, so advancing the
/// emulator's clock (<see cref="EmulatorSteering.AdvanceClockAsync"/>) expires the app's tokens and readings too.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private readonly StreamWriter _log;

    private AppInstance(Process process, Uri baseUrl, EmulatorSteering smartcar, string dataDirectory, string logFile, StreamWriter log)
    {
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
    /// Starts an instance in <paramref name="flow"/> (<c>Classic</c> or <c>ServerSide</c>) and waits until it is ready;
    /// what it prints goes to <paramref name="logFile"/>, kept after the run for a 500 to be explained.
    /// </summary>
    public static async Task<AppInstance> StartAsync(string flow, string logFile)
    {
        var root = RepositoryRoot();
        var configuration = typeof(AppInstance).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var app = Path.Combine(root, "src", "Web", "bin", configuration, "net10.0", "SmartcarClean.Web.dll");
        if (!File.Exists(app))
        {
            throw new BenchException($"the app is not built ({app} is missing): run bench/run.sh, which builds it.");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-bench-").FullName;
        var (appPort, emulatorPort) = (FreePort(), FreePort());
        var baseUrl = new Uri($"http://localhost:{appPort}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = Path.Combine(root, "src", "Web"), // the content root: appsettings*.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Whatever this shell says about Smartcar, the bench runs offline against the embedded emulator.
        foreach (var inherited in start.Environment.Keys.Where(IsOutsideSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in Settings(flow, baseUrl, emulatorPort, dataDirectory))
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

        var instance = new AppInstance(process, baseUrl, new EmulatorSteering(new Uri($"http://127.0.0.1:{emulatorPort}")), dataDirectory, logFile, log);
        await instance.WaitUntilReadyAsync(flow);
        return instance;
    }

    /// <summary>The settings a developer would give it, plus free ports, a data folder of its own and no abuse limit per address.</summary>
    private static Dictionary<string, string> Settings(string flow, Uri baseUrl, int emulatorPort, string dataDirectory)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // the embedded emulator, and plain http
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{baseUrl.Port}",
            ["DataDirectory"] = dataDirectory,
            ["Smartcar__Flow"] = flow,
            ["Smartcar__RedirectUri"] = new Uri(baseUrl, "/exchange").AbsoluteUri,
            ["Emulator__Port"] = emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emulator__PopupRedirectUri"] = $"https://javascript-sdk.smartcar.com/v2/redirect?app_origin={baseUrl.GetLeftPart(UriPartial.Authority)}",
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

    private static void Write(StreamWriter log, string? line)
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
        Smartcar.Dispose();
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
