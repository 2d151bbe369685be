using IngestWorker.Claims;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Troops;

/// <summary>One figure of troops, as <c>query troops</c> and <c>GET /api/troops</c> show it.</summary>
public sealed record TroopCountView(
    string Force,
    string Location,
    string? Site,
    TroopKind Kind,
    int Count,
    Bound Bound,
    string? AsOf,
    string Quote,
    string RulesVersion,
    ClaimSourceView Source);

/// <summary>One independent report behind a figure: its original and every copy, with the outlets that carried it.</summary>
public sealed record ReportView(string Report, IReadOnlyList<string> Outlets, IReadOnlyList<ClaimSourceView> Copies);

/// <summary>One report behind one figure of a timeline's point, as <c>/api/history/sources</c> lists them.</summary>
/// <param name="Supported">The figure is the one the point shows (most reports give it).</param>
public sealed record PointSourceView(int Count, Bound Bound, bool Supported, string Report, IReadOnlyList<string> Outlets,
    IReadOnlyList<ClaimSourceView> Copies);

/// <summary>A figure given for a period, how many independent reports gave it, and those reports.</summary>
/// <param name="Sources">The first reports to give it, at most <see cref="TroopQueries.SourcesShown"/> (the rest from
/// <c>/api/history/sources</c>); empty when the answer was asked without sources (<c>?sources=none</c>).</param>
public sealed record FigureView(int Count, Bound Bound, int Reports, IReadOnlyList<ReportView> Sources);

/// <summary>
/// What the reports say for one period of a series: the figure most independent reports support, its bound,
/// how many reports support it, the latest report, and whether another report disagrees.
/// </summary>
/// <param name="Period"><c>2007</c>, <c>2025-01</c> or <c>2025-09-30</c>: as precise as the reports are.</param>
/// <param name="Dated">False when no report dated the figure; it then sits in the year it was reported.</param>
/// <param name="Reports">Independent reports supporting <see cref="Count"/> (copies of one wire report count once).</param>
/// <param name="Copies">Articles supporting it, copies included.</param>
/// <param name="Figures">Every figure given for the period, the supported one first.</param>
public sealed record TimelinePointView(
    string Period,
    string Precision,
    DateOnly Start,
    DateOnly End,
    bool Dated,
    int Count,
    Bound Bound,
    int Reports,
    int Copies,
    ClaimSourceView Latest,
    bool Disagreement,
    IReadOnlyList<FigureView> Figures);

/// <summary>The timeline of one force, place and kind, one point per period.</summary>
/// <param name="Continues">The page ended inside this series: the next page starts with its next points.</param>
public sealed record FigureSeries(string Force, string Location, TroopKind Kind, IReadOnlyList<TimelinePointView> Points, bool Continues = false)
{
    public bool HasDisagreement => Points.Any(p => p.Disagreement);

    /// <summary>The same series with counts but no list of sources: what a chart needs, a fraction of the bytes.</summary>
    public FigureSeries WithoutSources() =>
        this with { Points = Points.Select(p => p with { Figures = p.Figures.Select(f => f with { Sources = [] }).ToList() }).ToList() };
}
