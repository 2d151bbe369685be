namespace IngestWorker.Claims;

/// <summary>Who said it: the article a claim was read from.</summary>
public sealed record ClaimSourceView(string StreamId, string? Title, string? Outlet, DateOnly? Published, DateTimeOffset ReceivedAt);

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

/// <summary>A base, its current status (latest statement by asOf, then published date) and since when it holds.</summary>
/// <param name="Since">The earliest asOf among the statements of the current status's latest run; null when none is dated.</param>
public sealed record BaseStatusView(string Base, string Status, string? AsOf, string? Since, IReadOnlyList<BaseStatementView> Statements);

/// <summary>A figure in a series, with what came before it and who reported it.</summary>
/// <param name="Period">The year the figure holds for (its asOf, else when it was reported): reports of one period should agree.</param>
/// <param name="DisagreesWith">Other figures of the same series and period: the sources disagree.</param>
public sealed record ReportedFigure(
    int Count,
    string Bound,
    string? AsOf,
    string Period,
    int? Previous,
    int? Change,
    IReadOnlyList<ClaimSourceView> Sources,
    IReadOnlyList<int> DisagreesWith);

/// <summary>How the figure reported for one force, place and kind changed from report to report.</summary>
public sealed record FigureSeries(string Force, string Location, string Kind, IReadOnlyList<ReportedFigure> Figures)
{
    public bool HasDisagreement => Figures.Any(f => f.DisagreesWith.Count > 0);
}
