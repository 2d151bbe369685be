using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Timelines;

/// <summary>One statement about a base, as one article made it: the input of <see cref="BaseTimeline"/>.</summary>
public sealed record BaseStatement<TSource>(string Base, SiteStatus Status, string? AsOf, DateOnly KnownFrom, TSource Source);

/// <summary>A stretch of time in which every statement about a base gave one status.</summary>
/// <param name="Start">The period of the statement that opened the run; null when that statement is undated.</param>
/// <param name="From">Where the run starts on a time axis: the start of <see cref="Start"/>, else when it was reported.</param>
/// <param name="End">When the next run opened; null for the run that still holds.</param>
public sealed record StatusRun<TSource>(
    SiteStatus Status,
    Period? Start,
    DateOnly From,
    DateOnly? End,
    BaseStatement<TSource> Opening,
    IReadOnlyList<BaseStatement<TSource>> Statements);

/// <summary>A base's status over time, and the status that holds now.</summary>
/// <param name="Since">When the current run began: the earliest dated statement of it; null when none is dated.</param>
public sealed record BaseHistory<TSource>(string Base, SiteStatus Status, string? AsOf, string? Since, IReadOnlyList<StatusRun<TSource>> Runs)
{
    public IEnumerable<BaseStatement<TSource>> Statements => Runs.SelectMany(r => r.Statements);
}
