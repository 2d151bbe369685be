using IngestWorker.Claims;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Bases;

/// <summary>One statement about a base.</summary>
public sealed record BaseStatementView(SiteStatus Status, string? AsOf, string Quote, string RulesVersion, ClaimSourceView Source);

/// <summary>A stretch of time in which a base's statements agreed on one status.</summary>
/// <param name="Start">The asOf of the statement that opened the run; null when it was undated.</param>
/// <param name="From">Where the run starts on a time axis: <see cref="Start"/>'s first day, else when the opening statement was reported.</param>
/// <param name="End">Where the next run starts; null for the run that holds now.</param>
public sealed record StatusRunView(SiteStatus Status, string? Start, DateOnly From, DateOnly? End, BaseStatementView Opening, int StatementCount);

/// <summary>A base, its current status (latest statement by asOf, then published date), since when it holds, and its runs.</summary>
/// <param name="Since">The earliest asOf among the statements of the current status's latest run; null when none is dated.</param>
/// <param name="Statements">Its latest statements, at most <see cref="BaseQueries.StatementsShown"/> (every one from
/// <c>/api/bases/{name}/statements</c>); the runs count them all. On the first piece of a base cut across pages only.</param>
/// <param name="Continues">The page ended inside this base's runs: the next page starts with its next runs.</param>
/// <param name="SiteKind">What the rules know it as: an installation's kind from the gazetteer ("air base", "camp", …),
/// or "city", "region", "country"; null for a base found only by the shape of its name.</param>
/// <param name="Country">The country the rules place it in; null when they do not know it.</param>
/// <param name="Latitude">Where it is (decimal degrees), from the gazetteer or the rules' places; null when unknown.</param>
/// <param name="Longitude">Where it is (decimal degrees); null when unknown.</param>
public sealed record BaseStatusView(string Base, SiteStatus Status, string? AsOf, string? Since, IReadOnlyList<BaseStatementView> Statements,
    IReadOnlyList<StatusRunView> Runs, bool Continues = false, string? SiteKind = null, string? Country = null,
    double? Latitude = null, double? Longitude = null);
