using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the worker's host (7xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, StartTimelineHeading + " {Steps}")]
    public static partial void StartSteps(ILogger logger, string steps);

    [LoggerMessage(7002, LogLevel.Warning, "Could not record the schema's stamp (the next start compares the schema again)")]
    public static partial void SchemaStampFailed(ILogger logger, Exception error);

    [LoggerMessage(7003, LogLevel.Warning, "A projection daemon was still running at shutdown: its LISTEN connection is left for the process to close")]
    public static partial void WakeupLeftOpen(ILogger logger);

    private const string StartTimelineHeading = Hosting.StartTimeline.Heading;
}
