namespace IngestWorker.Core.Scoring;

/// <summary>How many claims of one type the gold holds, the extractor gave, and the two share.</summary>
public sealed record Tally(int Gold, int Found, int Matched)
{
    /// <summary>Share of extracted claims that are in the gold; 1 when nothing was extracted and nothing expected.</summary>
    public double Precision => Found == 0 ? (Gold == 0 ? 1 : 0) : (double)Matched / Found;

    /// <summary>Share of gold claims the extractor found; 1 when the gold expects none.</summary>
    public double Recall => Gold == 0 ? 1 : (double)Matched / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Among matched claims, how many have one attribute (kind, bound, asOf) as the gold has it.</summary>
public sealed record AttributeScore(string Claims, string Attribute, int Right, int Of)
{
    public double Accuracy => Of == 0 ? 1 : (double)Right / Of;
}

/// <summary>
/// One difference from the gold: a claim the extractor <c>missed</c>, an <c>extra</c> one, or a matched claim
/// with an attribute <c>wrong</c>; with the sentence it came from (the gold's evidence for a miss).
/// </summary>
public sealed record ScoreDifference(string File, string Claims, string What, string Claim, string Sentence);
