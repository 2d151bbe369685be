using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the articles' syndication index (36xx, beside the projections).</summary>
internal static partial class Log
{
    [LoggerMessage(3601, LogLevel.Information, "Syndication index built at start: {Articles} articles in {Milliseconds:F0} ms")]
    public static partial void SyndicationIndexBuilt(ILogger logger, int articles, double milliseconds);

    [LoggerMessage(3602, LogLevel.Warning, "Building the syndication index at start failed; the first question builds it instead")]
    public static partial void SyndicationIndexFailed(ILogger logger, Exception exception);
}
