using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Timelines;

/// <summary>The timeline of one force, place and kind: one point per period the reports speak of.</summary>
public sealed record TroopSeries<TSource>(string Force, string Location, TroopKind Kind, IReadOnlyList<TimelinePoint<TSource>> Points)
{
    public bool HasDisagreement => Points.Any(p => p.Disagreement);
}

/// <summary>
/// What the reports say for one period: the figure most independent reports support (ties go to the
/// latest report), how many reports that is, and every other figure given for the period.
/// </summary>
/// <param name="Dated">False when no report dated the figure and it sits in the year it was reported.</param>
/// <param name="Reports">Independent reports supporting <see cref="Count"/>: copies of one report count once.</param>
/// <param name="Copies">Articles supporting it, copies included.</param>
/// <param name="Latest">The latest article of the period, whatever figure it gave.</param>
/// <param name="Disagreement">Another report gives a figure for this period that cannot be the same.</param>
public sealed record TimelinePoint<TSource>(
    Period Period,
    bool Dated,
    int Count,
    Bound Bound,
    int Reports,
    int Copies,
    TSource Latest,
    bool Disagreement,
    IReadOnlyList<PeriodFigure<TSource>> Figures);

/// <summary>One figure given for a period and the reports that gave it, the supported one first.</summary>
public sealed record PeriodFigure<TSource>(int Count, Bound Bound, IReadOnlyList<SupportingReport<TSource>> Reports);

/// <summary>One independent report and the articles that carried it (the original first).</summary>
public sealed record SupportingReport<TSource>(string ReportId, IReadOnlyList<TSource> Copies);
