using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Tests.Support;

/// <summary>Keeps the event id of every entry the worker logs, to count how often something was said.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<int> _eventIds = new();

    public int Count(int eventId) => _eventIds.Count(id => id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(_eventIds);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<int> eventIds) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            eventIds.Enqueue(eventId.Id);
    }
}
