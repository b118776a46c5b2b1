using System.Globalization;

namespace SmartcarClean.Emulator;

/// <summary>Standalone host: <c>dotnet run --project emulator [-- --port N]</c>, until Ctrl+C.</summary>
internal static class EmulatorProgram
{
    private const int DefaultPort = 8010;

    private static int Main(string[] args)
    {
        var options = new EmulatorOptions { Port = ReadPort(args) };
        foreach (var app in ApplicationsFile.Load(Path.Combine(AppContext.BaseDirectory, "applications.json")))
        {
            options.Applications.Add(app);
        }

        // Ctrl+C or SIGTERM: stop the server and return normally.
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();

        using var emulator = SmartcarEmulator.Start(options);
        Console.WriteLine($"Smartcar emulator listening on {emulator.BaseUrl}");
        foreach (var app in options.Applications)
        {
            Console.WriteLine($"  client_id {app.ClientId}, redirect URIs: {string.Join(", ", app.RedirectUris)}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        stopped.Task.Wait();
        return 0;
    }

    private static int ReadPort(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        return index >= 0 && index + 1 < args.Length
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : DefaultPort;
    }
}
