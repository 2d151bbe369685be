namespace IngestWorker.Core.Extraction;

/// <summary>
/// A sentence in the rules file with what it must yield, so an edit can be checked before a replay.
/// Troop counts are written <c>LOCATION KIND COUNT BOUND ASOF</c> ("Iraq level 2500 approximately 2025-01"),
/// base statuses <c>BASE: STATUS ASOF</c> ("Camp Taji: handed-over 2020-03-30"); <c>null</c> for no date.
/// </summary>
public sealed record RuleExample(string Text, DateOnly? Published, IReadOnlyList<string> TroopCounts, IReadOnlyList<string> BaseStatuses, int Line);
