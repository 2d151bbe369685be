namespace IngestWorker.Replay;

/// <summary>What a replay found: the rules before and after, and every claim that changed.</summary>
public sealed record ReplayReport(
    string? OldRulesVersion,
    string NewRulesVersion,
    long EventsReplayed,
    bool Applied,
    IReadOnlyList<ClaimChange> TroopCounts,
    IReadOnlyList<ClaimChange> BaseStatuses)
{
    /// <summary>How many workers applied ranges of the log (one where the replay ran alone).</summary>
    public int Workers { get; init; } = 1;

    public bool HasChanges => TroopCounts.Count > 0 || BaseStatuses.Count > 0;

    /// <summary>Counts of added, removed and changed claims for each location or base.</summary>
    public IReadOnlyList<ChangeSummary> Summary =>
        TroopCounts.Select(c => (Kind: "troops", c.Subject, c.Change))
            .Concat(BaseStatuses.Select(c => (Kind: "base", c.Subject, c.Change)))
            .GroupBy(c => (c.Kind, c.Subject))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Subject, StringComparer.Ordinal)
            .Select(g => new ChangeSummary(g.Key.Kind, g.Key.Subject,
                g.Count(c => c.Change == ClaimChange.Added),
                g.Count(c => c.Change == ClaimChange.Removed),
                g.Count(c => c.Change == ClaimChange.Changed)))
            .ToList();
}

/// <param name="Change"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
/// <param name="Subject">The location (troop counts) or the base (base statuses) the claim is about.</param>
/// <param name="Before">The claim as the live model had it; null when added.</param>
/// <param name="After">The claim as the new rules read it; null when removed.</param>
public sealed record ClaimChange(string Change, string Subject, string Article, string? Before, string? After)
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";
}

public sealed record ChangeSummary(string Kind, string Subject, int Added, int Removed, int Changed);
