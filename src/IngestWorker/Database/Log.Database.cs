using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the database connection and the watch on the embedded server (4xxx; 4001-4006 and 4050-4099 are the embedded server's own, in IngestWorker.EmbeddedPostgres).</summary>
internal static partial class Log
{
    [LoggerMessage(4007, LogLevel.Warning, "Transient database fault, retry {Attempt} in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(4008, LogLevel.Warning, "The embedded PostgreSQL had stopped under the worker; started it again")]
    public static partial void EmbeddedServerRestarted(ILogger logger);

    [LoggerMessage(4009, LogLevel.Error, "Starting the embedded PostgreSQL again failed ({Reason}); the worker stays up and keeps trying with back-off")]
    public static partial void EmbeddedServerRestartFailed(ILogger logger, string reason);

    [LoggerMessage(4010, LogLevel.Information, "The embedded PostgreSQL runs again, after {Failures} failed starts")]
    public static partial void EmbeddedServerRecovered(ILogger logger, int failures);

    [LoggerMessage(4020, LogLevel.Error, "The database's disk is full: files wait in the inbox and writes are retried with back-off until space is freed ({Reason})")]
    public static partial void DatabaseDiskFull(ILogger logger, string reason);

    [LoggerMessage(4021, LogLevel.Information, "The database is writable again after {Duration} with a full disk")]
    public static partial void DatabaseWritableAgain(ILogger logger, TimeSpan duration);
}
