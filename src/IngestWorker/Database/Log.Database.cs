using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the database connection and the watch on the embedded server (4xxx; 4001-4006 and 4050-4099 are the embedded server's own, in IngestWorker.EmbeddedPostgres).</summary>
internal static partial class Log
{
    [LoggerMessage(4007, LogLevel.Warning, "Transient database fault, retry {Attempt} in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(4008, LogLevel.Warning, "The embedded PostgreSQL had stopped under the worker; started it again")]
    public static partial void EmbeddedServerRestarted(ILogger logger);

    [LoggerMessage(4009, LogLevel.Error, "Starting the embedded PostgreSQL again failed ({Failures} in a row); backing off")]
    public static partial void EmbeddedServerRestartFailed(ILogger logger, int failures, Exception exception);

    [LoggerMessage(4010, LogLevel.Critical, "The embedded PostgreSQL cannot be started again after {Failures} tries ({Reason}); the worker stops")]
    public static partial void EmbeddedServerLost(ILogger logger, int failures, string reason);
}
