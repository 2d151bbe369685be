using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the worker's host (7xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, StartTimelineHeading + " {Steps}")]
    public static partial void StartSteps(ILogger logger, string steps);

    private const string StartTimelineHeading = Hosting.StartTimeline.Heading;
}
