using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of health and metrics (51xx, beside the HTTP API's).</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Debug, "Projection lag not read for the metrics: {Reason}")]
    public static partial void LagUnread(ILogger logger, string reason);
}
