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

    [LoggerMessage(3505, LogLevel.Debug,
        "Replay range {First}–{Last}: taken in {TakeMs:F0} ms, read {ReadMs:F0} ms, projected {ProjectMs:F0} ms, written {WriteMs:F0} ms, committed {CommitMs:F0} ms")]
    public static partial void ReplayRangeApplied(ILogger logger, long first, long last, double takeMs, double readMs, double projectMs, double writeMs,
        double commitMs);

    [LoggerMessage(3506, LogLevel.Debug,
        "Replay of {Ranges} ranges: planned in {PlanMs:F0} ms, published {PublishMs:F0} ms, ranges applied {ApplyMs:F0} ms, diffed and indexed {DiffMs:F0} ms, swapped {SwapMs:F0} ms")]
    public static partial void ReplayPhases(ILogger logger, int ranges, double planMs, double publishMs, double applyMs, double diffMs, double swapMs);

    [LoggerMessage(3507, LogLevel.Information,
        "Replay: {Rows} rows of {Table} set aside as read from a later article of a stream that holds two; the earlier article's are kept, as the live model keeps them")]
    public static partial void ReplayKeptEarlierRows(ILogger logger, string table, int rows);
}
