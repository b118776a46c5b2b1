using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SmartcarClean.Bench;

/// <summary>
/// The standalone Smartcar emulator (<c>dotnet run --project emulator</c>, built beside the bench) as a process of its
/// own on a free loopback port: the one Smartcar that several app instances share (README "Several instances").
/// </summary>
internal sealed partial class StandaloneEmulator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private StandaloneEmulator(Process process, StreamWriter log, Uri baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        Smartcar = new EmulatorSteering(baseUrl);
    }

    public Uri BaseUrl { get; }

    public EmulatorSteering Smartcar { get; }

    /// <summary>Starts it with access tokens that last <paramref name="accessTokenLifetime"/>; what it prints goes to <paramref name="logFile"/>.</summary>
    public static async Task<StandaloneEmulator> StartAsync(TimeSpan accessTokenLifetime, string logFile)
    {
        var start = AppInstance.Dotnet(AppInstance.Built("emulator", "SmartcarClean.Emulator.dll"), workingDirectory: null);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.Environment["Emulator__AccessTokenLifetime"] = accessTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

        var process = Process.Start(start) ?? throw new BenchException("dotnet did not start the emulator.");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            AppInstance.Write(log, line.Data);
            if (line.Data is { } text && Listening().Match(text) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, line) => AppInstance.Write(log, line.Data);
        process.Exited += (_, _) => listening.TrySetException(new BenchException($"the standalone emulator stopped at start-up (see {logFile})."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new StandaloneEmulator(process, log, await listening.Task.WaitAsync(TimeSpan.FromSeconds(90)));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchException($"the standalone emulator was not listening after 90 s (see {logFile}).");
        }
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
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();
}
