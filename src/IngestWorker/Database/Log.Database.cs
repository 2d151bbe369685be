using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the embedded server and the database connection (4xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Creating a PostgreSQL cluster in {Folder}")]
    public static partial void EmbeddedServerInitialising(ILogger logger, string folder);

    [LoggerMessage(4002, LogLevel.Information, "Started PostgreSQL in {Folder}")]
    public static partial void EmbeddedServerStarted(ILogger logger, string folder);

    [LoggerMessage(4003, LogLevel.Information, "Using the PostgreSQL already running in {Folder}")]
    public static partial void EmbeddedServerReused(ILogger logger, string folder);

    [LoggerMessage(4004, LogLevel.Information, "Stopped PostgreSQL in {Folder}")]
    public static partial void EmbeddedServerStopped(ILogger logger, string folder);

    [LoggerMessage(4005, LogLevel.Information, "Left PostgreSQL running: {Sessions} other sessions still use it")]
    public static partial void EmbeddedServerLeftRunning(ILogger logger, long sessions);

    [LoggerMessage(4006, LogLevel.Warning, "Could not stop the embedded PostgreSQL cleanly")]
    public static partial void EmbeddedServerStopFailed(ILogger logger, Exception exception);

    [LoggerMessage(4007, LogLevel.Warning, "Transient database fault, retry {Attempt} in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(4008, LogLevel.Warning, "The embedded PostgreSQL had stopped under the worker; started it again")]
    public static partial void EmbeddedServerRestarted(ILogger logger);

    [LoggerMessage(4009, LogLevel.Error, "Starting the embedded PostgreSQL again failed ({Failures} in a row); backing off")]
    public static partial void EmbeddedServerRestartFailed(ILogger logger, int failures, Exception exception);

    [LoggerMessage(4010, LogLevel.Critical, "The embedded PostgreSQL cannot be started again after {Failures} tries ({Reason}); the worker stops")]
    public static partial void EmbeddedServerLost(ILogger logger, int failures, string reason);
}
