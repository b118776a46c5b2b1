using System.Text.Json;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// Standalone host: <c>dotnet run --project emulator [-- --port N --config FILE --Emulator:NAME=VALUE]</c>, until Ctrl+C.
/// Its settings: <see cref="HostSettings"/>.
/// </summary>
public static class EmulatorProgram
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    /// <summary>
    /// Reads the settings, starts the emulator and serves until <paramref name="stop"/> is cancelled. Anything it cannot
    /// start with is one line on <paramref name="errors"/> and exit code <see cref="BadUsage"/>.
    /// </summary>
    public static int Run(HostSources sources, TextWriter output, TextWriter errors, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!HostArguments.TryParse(sources.Arguments, out var arguments, out var error))
        {
            errors.WriteLine($"error: {error} Run with --help for usage.");
            return BadUsage;
        }

        if (arguments.ShowHelp)
        {
            output.WriteLine(HostArguments.Usage);
            return Success;
        }

        if (!HostSettings.TryRead(arguments, sources, out var settings, out error))
        {
            errors.WriteLine($"error: {error}");
            return BadUsage;
        }

        var options = settings.Options;
        try
        {
            foreach (var app in ApplicationsFile.Load(settings.ApplicationsFile))
            {
                options.Applications.Add(app);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            errors.WriteLine($"error: cannot read the applications file {settings.ApplicationsFile}: {e.Message}");
            return BadUsage;
        }

        SmartcarEmulator emulator;
        try
        {
            emulator = SmartcarEmulator.Start(options);
        }
        catch (EmulatorStartException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return BadUsage;
        }

        using var started = emulator;
        output.WriteLine($"Smartcar emulator listening on {emulator.BaseUrl} (admin page: {emulator.BaseUrl}/_emulator)");
        foreach (var app in options.Applications)
        {
            output.WriteLine($"  client_id {app.ClientId}, redirect URIs: {string.Join(", ", app.RedirectUris)}");
        }

        if (options.EnableWireMockAdmin)
        {
            output.WriteLine($"  WireMock's admin API is on at {emulator.BaseUrl}/__admin (debugging only: it shows secrets unmasked).");
        }

        output.WriteLine("Press Ctrl+C to stop.");
        stop.WaitHandle.WaitOne();
        return Success;
    }

    private static int Main(string[] args)
    {
        // Ctrl+C or SIGTERM: stop the server and return normally. Not disposed: ProcessExit may fire after Main returns.
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        return Run(HostSources.OfThisProcess(args), Console.Out, Console.Error, stop.Token);
    }
}
