namespace IngestWorker.Core.Scoring;

/// <summary>Extracted claims against gold claims over a set of articles: figures and every difference.</summary>
public sealed record ScoreReport(
    int Articles,
    Tally TroopCounts,
    Tally BaseStatuses,
    IReadOnlyList<AttributeScore> Attributes,
    IReadOnlyList<ScoreDifference> Differences)
{
    /// <summary>The accuracy of one attribute of matched claims ("troopCounts", "asOf").</summary>
    public double Accuracy(string claims, string attribute) =>
        Attributes.FirstOrDefault(a => a.Claims == claims && a.Attribute == attribute)?.Accuracy ?? 1;
}
