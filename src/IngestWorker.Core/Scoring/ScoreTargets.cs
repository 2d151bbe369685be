namespace IngestWorker.Core.Scoring;

/// <summary>One figure and the least it should reach.</summary>
public sealed record ScoreTarget(string Figure, double Value, double Minimum)
{
    public bool Met => Value >= Minimum - 1e-9;
}

/// <summary>The figures the extractor is held to on real reporting (issue 9).</summary>
public static class ScoreTargets
{
    public const double TroopCountsF1 = 0.90;
    public const double BaseStatusesF1 = 0.85;
    public const double AsOfOfMatched = 0.85;

    public static IReadOnlyList<ScoreTarget> Of(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            new ScoreTarget("troop counts F1", report.TroopCounts.F1, TroopCountsF1),
            new ScoreTarget("base statuses F1", report.BaseStatuses.F1, BaseStatusesF1),
            new ScoreTarget("asOf right, of matched troop counts", report.Accuracy(ClaimScorer.TroopCountsName, "asOf"), AsOfOfMatched),
        ];
    }
}
