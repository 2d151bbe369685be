using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the projections (3xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Projecting {Projection} (this worker leads it)")]
    public static partial void ProjectionLeading(ILogger logger, string projection);

    [LoggerMessage(3002, LogLevel.Debug, "{Projection} applied {Count} events")]
    public static partial void ProjectionAdvanced(ILogger logger, string projection, int count);

    [LoggerMessage(3003, LogLevel.Error, "{Projection} failed; retrying")]
    public static partial void ProjectionFailed(ILogger logger, string projection, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "Listening for new events failed; reconnecting")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Read model created with rules {RulesVersion}")]
    public static partial void ReadModelCreated(ILogger logger, string rulesVersion);

    [LoggerMessage(3006, LogLevel.Warning, "The read model was built with rules {ModelRules}, but the worker runs with rules {ConfiguredRules}: {Action}")]
    public static partial void RulesDiffer(ILogger logger, string modelRules, string configuredRules, string action);

    [LoggerMessage(3008, LogLevel.Error, "Replaying the log with the worker's rules failed; the read model in place stays live (run `IngestWorker replay` to try again)")]
    public static partial void StartupReplayFailed(ILogger logger, Exception exception);

    [LoggerMessage(3009, LogLevel.Warning, "The read model was read by extractor {ModelExtractor}, but the worker runs extractor {WorkerExtractor}: replaying the log; the model in place serves until the new one is swapped in")]
    public static partial void ExtractorDiffers(ILogger logger, string modelExtractor, string workerExtractor);

    [LoggerMessage(3007, LogLevel.Information, "Recorded rules {RulesVersion} in the log")]
    public static partial void RulesRecorded(ILogger logger, string rulesVersion);
}
