using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the event store (2xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Event store schema step {Version} applied")]
    public static partial void SchemaStepApplied(ILogger logger, int version);
}
