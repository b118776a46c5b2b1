using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The real app started on a fresh data directory: everything it writes there is its owner's only (the key ring is in
/// the database: ADR-013), and it says once that the keys are not encrypted at rest (no certificate is configured here).
/// </summary>
public sealed class KeyRingAtStartTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _parent = Directory.CreateTempSubdirectory("smartcarclean-modes-").FullName;

    private string DataDirectory => Path.Combine(_parent, "App_Data");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_the_database_and_the_key_ring_are_owner_only()
    {
        await using var app = new App(DataDirectory);
        using (await WebSession.SignedInAsync(app))
        {
            // Registered and signed in: the database has rows, the key ring's key among them; no keys folder any more.
            var files = Directory.GetFiles(DataDirectory, "*", SearchOption.AllDirectories);
            files.ShouldContain(f => f.EndsWith("smartcarclean.db", StringComparison.Ordinal));
            files.ShouldNotContain(f => f.EndsWith(".xml", StringComparison.Ordinal));
            files.ShouldAllBe(f => File.GetUnixFileMode(f) == OwnerOnlyFile, string.Join(", ", files.Select(f => $"{f} {File.GetUnixFileMode(f)}")));
            File.GetUnixFileMode(DataDirectory).ShouldBe(OwnerOnlyDirectory);
        }
    }

    [Fact]
    public async Task Unprotected_keys_are_said_once_in_one_line_and_data_protection_does_not_repeat_it()
    {
        await using var app = new App(DataDirectory);
        using (await WebSession.SignedInAsync(app))
        {
        }

        var warnings = app.Logs.Where(l => l.Level >= LogLevel.Warning).ToList();
        var notice = warnings.ShouldHaveSingleItem(string.Join("\n", warnings.Select(w => $"{w.Category}: {w.Message}")));
        notice.Message.ShouldContain("not encrypted at rest");
        notice.Message.ShouldContain("DataProtection:CertificatePath");
        notice.Message.ShouldNotContain('\n');
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_parent, recursive: true);
    }

    private sealed class App(string dataDirectory) : TestWebApp
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Logs { get; } = new();

        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            // A folder that does not exist yet: the app creates it.
            builder.UseSetting("DataDirectory", dataDirectory);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Logs)));
        }
    }

    private sealed class Capture(ConcurrentQueue<(string, LogLevel, string)> logs) : ILoggerProvider, ILogger
    {
        private string _category = string.Empty;

        public ILogger CreateLogger(string categoryName) => new Capture(logs) { _category = categoryName };

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((_category, logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
