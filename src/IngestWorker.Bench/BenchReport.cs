using System.Text.Json.Serialization;

namespace IngestWorker.Bench;

/// <summary>What one run of the bench measured, where, and with which sizes.</summary>
/// <param name="Server">The PostgreSQL server every part ran on, with its durability settings.</param>
/// <param name="Method">How the figures were taken (warm-up, repetitions, median), for the reader of the table.</param>
public sealed record BenchReport(
    DateTimeOffset At,
    string Machine,
    string Server,
    string Method,
    BenchSizes Sizes,
    IReadOnlyList<BenchFigure> Figures);

/// <summary>One figure: the program's value, the raw limit it is held against, and the part's peak working set.</summary>
/// <param name="Part">Which part of the bench (append, rebuild, …).</param>
/// <param name="Limit">The same work done the plainest fast way on the same server in the same run; null when none applies.</param>
/// <param name="PeakWorkingSetMb">The process's peak working set during the figure's part.</param>
public sealed record BenchFigure(
    string Part,
    string Name,
    double Value,
    string Unit,
    bool HigherIsBetter,
    string? LimitName,
    double? Limit,
    BenchTarget? Target,
    double PeakWorkingSetMb)
{
    /// <summary>Value ÷ limit: the share of the limit reached for rates, how many times slower for latencies.</summary>
    public double? Ratio => Limit is > 0 ? Value / Limit : null;

    public bool? Met => Target?.IsMetBy(this);
}

[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    /// <summary>The ratio to the raw limit must be at least the threshold.</summary>
    RatioAtLeast,

    /// <summary>The value itself must be at least the threshold.</summary>
    ValueAtLeast,

    /// <summary>The value itself must be below the threshold.</summary>
    ValueBelow,
}

/// <summary>The bar issue #8 sets for a figure.</summary>
public sealed record BenchTarget(TargetKind Kind, double Threshold)
{
    public bool IsMetBy(BenchFigure figure) => Kind switch
    {
        TargetKind.RatioAtLeast => figure.Ratio >= Threshold,
        TargetKind.ValueAtLeast => figure.Value >= Threshold,
        TargetKind.ValueBelow => figure.Value < Threshold,
        _ => throw new InvalidOperationException($"Unknown target kind {Kind}."),
    };
}
