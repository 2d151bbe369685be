namespace IngestWorker.Bench;

/// <summary>How much work each part of the bench does; the defaults are the sizes issue #8 asks for.</summary>
/// <param name="Events">Events appended through Marten and by the raw INSERT (part 1), each the first of its own stream, as an article is.</param>
/// <param name="Batch">Events per append (and rows per raw INSERT statement).</param>
/// <param name="Articles">Articles dropped into the inbox at once (parts 3 and 5) and replayed (part 2).</param>
/// <param name="LatencyDrops">Articles dropped one at a time to time each (part 4).</param>
/// <param name="Repetitions">Timed runs per figure after the warm-up; the median is reported.</param>
/// <param name="Density">How many claims the synthetic articles carry for their size.</param>
public sealed record BenchSizes(
    int Events = 100_000,
    int Batch = 1_000,
    int Articles = 5_000,
    int LatencyDrops = 100,
    int Repetitions = 3,
    ClaimDensity Density = ClaimDensity.Reporting)
{
    public static BenchSizes Default { get; } = new();

    /// <summary>The sentence that says which size is wrong, or null when all are usable.</summary>
    public string? Problem() => this switch
    {
        { Events: < 1 } => "--events must be at least 1.",
        { Batch: < 1 } => "--batch must be at least 1.",
        { Articles: < 1 } => "--articles must be at least 1.",
        { LatencyDrops: < 1 } => "--latency must be at least 1.",
        { Repetitions: < 1 } => "--repetitions must be at least 1.",
        _ => null,
    };
}
