using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of replays (35xx).</summary>
internal static partial class Log
{
    [LoggerMessage(3501, LogLevel.Information, "Replaying {Events} events into {Projections} projections")]
    public static partial void ReplayStarted(ILogger logger, int projections, long events);

    [LoggerMessage(3502, LogLevel.Information, "Replay: {Projection} at {Done} of {Total} events")]
    public static partial void ReplayAdvanced(ILogger logger, string projection, long done, long total);

    [LoggerMessage(3503, LogLevel.Information, "Replay finished")]
    public static partial void ReplayFinished(ILogger logger);

    [LoggerMessage(3504, LogLevel.Information, "Replay swapped in: rules {OldRules} → {NewRules}, {Changes} claims changed")]
    public static partial void ReplayApplied(ILogger logger, string oldRules, string newRules, int changes);
}
