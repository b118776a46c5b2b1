using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// Every line the app logs, kept in memory. Added as one more provider, so the app's own filter rules decide, as they
/// do for the console, what reaches it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(LogLevel Level, string Category, string Message)
    {
        public override string ToString() => $"{Level} {Category}: {Message}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, category, $"{formatter(state, exception)} {exception}"));
    }
}
