using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the HTTP API (5xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Error, "Answering {Path} failed")]
    public static partial void ApiFailed(ILogger logger, string path, Exception exception);
}
