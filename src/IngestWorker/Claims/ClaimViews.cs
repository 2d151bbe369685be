namespace IngestWorker.Claims;

/// <summary>Who said it: the article a claim was read from.</summary>
/// <param name="CopyOf">The stream id of the article this one copies (the same wire report); null for an original.</param>
public sealed record ClaimSourceView(string StreamId, string? Title, string? Outlet, DateOnly? Published, DateTimeOffset ReceivedAt, string? CopyOf = null)
{
    /// <summary>The report this article carries: its original's stream id, or its own.</summary>
    public string Report => CopyOf ?? StreamId;
}

/// <summary>One figure of troops, as <c>query troops</c> and <c>GET /api/troops</c> show it.</summary>
public sealed record TroopCountView(
    string Force,
    string Location,
    string? Site,
    string Kind,
    int Count,
    string Bound,
    string? AsOf,
    string Quote,
    string RulesVersion,
    ClaimSourceView Source);

/// <summary>One statement about a base.</summary>
public sealed record BaseStatementView(string Status, string? AsOf, string Quote, string RulesVersion, ClaimSourceView Source);

/// <summary>A stretch of time in which a base's statements agreed on one status.</summary>
/// <param name="Start">The asOf of the statement that opened the run; null when it was undated.</param>
/// <param name="From">Where the run starts on a time axis: <see cref="Start"/>'s first day, else when the opening statement was reported.</param>
/// <param name="End">Where the next run starts; null for the run that holds now.</param>
public sealed record StatusRunView(string Status, string? Start, DateOnly From, DateOnly? End, BaseStatementView Opening, int StatementCount);

/// <summary>A base, its current status (latest statement by asOf, then published date), since when it holds, and its runs.</summary>
/// <param name="Since">The earliest asOf among the statements of the current status's latest run; null when none is dated.</param>
/// <param name="Statements">Its latest statements, at most <see cref="ClaimQueries.StatementsShown"/> (every one from
/// <c>/api/bases/{name}/statements</c>); the runs count them all. On the first piece of a base cut across pages only.</param>
/// <param name="Continues">The page ended inside this base's runs: the next page starts with its next runs.</param>
/// <param name="SiteKind">What the rules know it as: an installation's kind from the gazetteer ("air base", "camp", …),
/// or "city", "region", "country"; null for a base found only by the shape of its name.</param>
/// <param name="Country">The country the rules place it in; null when they do not know it.</param>
/// <param name="Latitude">Where it is (decimal degrees), from the gazetteer or the rules' places; null when unknown.</param>
/// <param name="Longitude">Where it is (decimal degrees); null when unknown.</param>
public sealed record BaseStatusView(string Base, string Status, string? AsOf, string? Since, IReadOnlyList<BaseStatementView> Statements,
    IReadOnlyList<StatusRunView> Runs, bool Continues = false, string? SiteKind = null, string? Country = null,
    double? Latitude = null, double? Longitude = null);

/// <summary>One independent report behind a figure: its original and every copy, with the outlets that carried it.</summary>
public sealed record ReportView(string Report, IReadOnlyList<string> Outlets, IReadOnlyList<ClaimSourceView> Copies);

/// <summary>One report behind one figure of a timeline's point, as <c>/api/history/sources</c> lists them.</summary>
/// <param name="Supported">The figure is the one the point shows (most reports give it).</param>
public sealed record PointSourceView(int Count, string Bound, bool Supported, string Report, IReadOnlyList<string> Outlets,
    IReadOnlyList<ClaimSourceView> Copies);

/// <summary>A figure given for a period, how many independent reports gave it, and those reports.</summary>
/// <param name="Sources">The first reports to give it, at most <see cref="ClaimQueries.SourcesShown"/> (the rest from
/// <c>/api/history/sources</c>); empty when the answer was asked without sources (<c>?sources=none</c>).</param>
public sealed record FigureView(int Count, string Bound, int Reports, IReadOnlyList<ReportView> Sources);

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
    string Bound,
    int Reports,
    int Copies,
    ClaimSourceView Latest,
    bool Disagreement,
    IReadOnlyList<FigureView> Figures);

/// <summary>The timeline of one force, place and kind, one point per period.</summary>
/// <param name="Continues">The page ended inside this series: the next page starts with its next points.</param>
public sealed record FigureSeries(string Force, string Location, string Kind, IReadOnlyList<TimelinePointView> Points, bool Continues = false)
{
    public bool HasDisagreement => Points.Any(p => p.Disagreement);

    /// <summary>The same series with counts but no list of sources: what a chart needs, a fraction of the bytes.</summary>
    public FigureSeries WithoutSources() =>
        this with { Points = Points.Select(p => p with { Figures = p.Figures.Select(f => f with { Sources = [] }).ToList() }).ToList() };
}
