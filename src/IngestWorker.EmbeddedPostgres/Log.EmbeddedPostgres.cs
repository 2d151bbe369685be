using Microsoft.Extensions.Logging;

namespace IngestWorker.Postgres;

/// <summary>Log messages of the embedded server (4001-4006 and 4050-4099 of the worker's 4xxx database range).</summary>
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

    [LoggerMessage(4051, LogLevel.Information, "The embedded PostgreSQL now takes logins only with the password kept in {PasswordFile}")]
    public static partial void EmbeddedServerPasswordSet(ILogger logger, string passwordFile);
}
