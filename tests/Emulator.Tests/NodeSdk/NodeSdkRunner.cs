using System.Diagnostics;
using System.Text.Json;

namespace SmartcarClean.Emulator.Tests.NodeSdk;

/// <summary>
/// Runs <c>tests/Emulator.Tests/NodeSdk/sdk-session.mjs</c> with Node: finds <c>node</c> and <c>npm</c> on PATH
/// (failing with a clear message when they are missing), runs <c>npm ci</c> once when the SDK is not installed,
/// and returns the script's JSON.
/// </summary>
public static class NodeSdkRunner
{
    public const string PinnedSdkVersion = "10.4.0";

    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The folder holding package.json, package-lock.json and sdk-session.mjs.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Runs <c>npm ci</c> unless the pinned SDK is already in node_modules.</summary>
    public static async Task EnsureInstalledAsync()
    {
        RequireExecutable("node");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(InstalledSdkPackageJson))
            {
                return;
            }

            var npm = RequireExecutable("npm");
            var result = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>(), NpmTimeout);
            if (result.ExitCode != 0 || !File.Exists(InstalledSdkPackageJson))
            {
                throw new InvalidOperationException(
                    $"`npm ci --no-audit --no-fund` in {Folder} failed (exit {result.ExitCode}).\n{result.StandardError}\n{result.StandardOutput}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>The version of the SDK in node_modules, from its package.json.</summary>
    public static string InstalledSdkVersion()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(InstalledSdkPackageJson));
        return json.RootElement.GetProperty("version").GetString()!;
    }

    /// <summary>Runs <c>node sdk-session.mjs {mode}</c>; any non-zero exit or non-JSON output fails with stderr.</summary>
    public static async Task<JsonElement> RunScriptAsync(string mode, IReadOnlyDictionary<string, string> environment)
    {
        var result = await RunAsync(RequireExecutable("node"), ["sdk-session.mjs", mode], environment, NodeTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`node sdk-session.mjs {mode}` exited with {result.ExitCode}.\nstderr:\n{result.StandardError}\nstdout:\n{result.StandardOutput}");
        }

        try
        {
            return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"`node sdk-session.mjs {mode}` printed no JSON ({e.Message}).\nstdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}", e);
        }
    }

    private static string InstalledSdkPackageJson => Path.Combine(Folder, "node_modules", "smartcar", "package.json");

    private static async Task<ProcessResult> RunAsync(
        string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"`{Path.GetFileName(executable)} {string.Join(' ', arguments)}` did not finish within {timeout}.\nstderr:\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The full path of a program on PATH (with PATHEXT on Windows); a missing one fails the test, never skips it.</summary>
    private static string RequireExecutable(string name)
    {
        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = directories
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, name + extension)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            $"`{name}` is not on PATH. The Node SDK compatibility tests need Node.js 20 or later (with npm) to run "
            + $"Smartcar's official SDK against the emulator; install it and run the tests again (see {Folder}).");
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Emulator.Tests", "NodeSdk");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"tests/Emulator.Tests/NodeSdk/package.json not found above {AppContext.BaseDirectory}");
    }

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
}
