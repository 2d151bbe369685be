using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the event store (2xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Moved {Events} events of the old log into Marten's tables; the read models are rebuilt from them")]
    public static partial void LegacyLogMigrated(ILogger logger, long events);
}
