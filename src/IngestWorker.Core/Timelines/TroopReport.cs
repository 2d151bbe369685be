using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Timelines;

/// <summary>One figure as one article reported it: the input of <see cref="TroopTimeline"/>.</summary>
/// <param name="AsOf">When the figure holds, as the claim says; null when the text does not say.</param>
/// <param name="KnownFrom">When the article appeared (published, else received).</param>
/// <param name="ReportId">The report the article carries: copies of one wire report share it.</param>
/// <param name="Source">Whatever the caller needs back to name the article.</param>
public sealed record TroopReport<TSource>(
    string Force,
    string Location,
    TroopKind Kind,
    int Count,
    Bound Bound,
    string? AsOf,
    DateOnly KnownFrom,
    string ReportId,
    TSource Source);
