using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the event store (2xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Moved {Events} events of the old log into Marten's tables; the read models are rebuilt from them")]
    public static partial void LegacyLogMigrated(ILogger logger, long events);

    [LoggerMessage(2002, LogLevel.Warning, "Cannot listen for appended events; the projections poll for them until the database answers")]
    public static partial void WakeupCannotListen(ILogger logger, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "The connection that listens for appended events was lost; it is opened again at the projections' next poll")]
    public static partial void WakeupConnectionLost(ILogger logger, Exception exception);
}
