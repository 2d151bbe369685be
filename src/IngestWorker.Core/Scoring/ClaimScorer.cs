using System.Globalization;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Scoring;

/// <summary>
/// Compares extracted claims with gold claims, article by article. Troop counts match on (location,
/// count) and base statuses on (base, status), each as a multiset; among matched troop counts, kind,
/// bound and asOf are scored, and among matched base statuses, asOf. Pure: no files, no clock.
/// </summary>
public static class ClaimScorer
{
    public const string TroopCountsName = "troopCounts";
    public const string BaseStatusesName = "baseStatuses";

    private static readonly string[] TroopAttributes = ["kind", "bound", "asOf"];

    /// <summary>Scores every article of <paramref name="extracted"/> (keyed by file name) against its gold entry, which must exist.</summary>
    public static ScoreReport Score(GoldSet gold, IReadOnlyList<(string File, ArticleClaims Claims)> extracted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(extracted);

        var differences = new List<ScoreDifference>();
        int troopGold = 0, troopFound = 0, troopMatched = 0, baseGold = 0, baseFound = 0, baseMatched = 0;
        var troopRight = new int[TroopAttributes.Length];
        var baseAsOfRight = 0;
        foreach (var (file, claims) in extracted)
        {
            var expected = gold.Articles[file];
            var troopPairs = Pair(expected.TroopCounts, claims.TroopCounts, t => (t.Location, t.Count), TroopAttributesOf, out var troopMissed, out var troopExtra);
            troopGold += expected.TroopCounts.Count;
            troopFound += claims.TroopCounts.Count;
            troopMatched += troopPairs.Count;
            foreach (var (g, f) in troopPairs)
            {
                var gv = TroopAttributesOf(g);
                var fv = TroopAttributesOf(f);
                for (var a = 0; a < TroopAttributes.Length; a++)
                {
                    if (gv[a] == fv[a])
                    {
                        troopRight[a]++;
                    }
                    else
                    {
                        differences.Add(new ScoreDifference(file, TroopCountsName, "wrong",
                            $"{Describe(f)}: {TroopAttributes[a]} is {fv[a] ?? "null"}, gold says {gv[a] ?? "null"}", f.Quote));
                    }
                }
            }

            differences.AddRange(troopMissed.Select(t => new ScoreDifference(file, TroopCountsName, "missed", Describe(t), t.Quote)));
            differences.AddRange(troopExtra.Select(t => new ScoreDifference(file, TroopCountsName, "extra", Describe(t), t.Quote)));

            var basePairs = Pair(expected.BaseStatuses, claims.BaseStatuses, b => (b.Base, b.Status), b => [b.AsOf], out var baseMissed, out var baseExtra);
            baseGold += expected.BaseStatuses.Count;
            baseFound += claims.BaseStatuses.Count;
            baseMatched += basePairs.Count;
            foreach (var (g, f) in basePairs)
            {
                if (g.AsOf == f.AsOf)
                {
                    baseAsOfRight++;
                }
                else
                {
                    differences.Add(new ScoreDifference(file, BaseStatusesName, "wrong",
                        $"{Describe(f)}: asOf is {f.AsOf ?? "null"}, gold says {g.AsOf ?? "null"}", f.Quote));
                }
            }

            differences.AddRange(baseMissed.Select(b => new ScoreDifference(file, BaseStatusesName, "missed", Describe(b), b.Quote)));
            differences.AddRange(baseExtra.Select(b => new ScoreDifference(file, BaseStatusesName, "extra", Describe(b), b.Quote)));
        }

        var attributes = TroopAttributes.Select((name, a) => new AttributeScore(TroopCountsName, name, troopRight[a], troopMatched)).ToList();
        attributes.Add(new AttributeScore(BaseStatusesName, "asOf", baseAsOfRight, baseMatched));
        return new ScoreReport(
            extracted.Count,
            new Tally(troopGold, troopFound, troopMatched),
            new Tally(baseGold, baseFound, baseMatched),
            attributes,
            differences);
    }

    private static string?[] TroopAttributesOf(TroopCount t) => [t.Kind.Word(), t.Bound.Word(), t.AsOf];

    /// <summary>
    /// Pairs gold and extracted claims sharing a key; where several share one, a pair agreeing on every
    /// attribute is taken first, so a right claim is never scored against its wrong twin.
    /// </summary>
    private static List<(T Gold, T Found)> Pair<T, TKey>(
        IReadOnlyList<T> gold, IReadOnlyList<T> found, Func<T, TKey> key, Func<T, string?[]> attributes, out List<T> missed, out List<T> extra)
        where TKey : notnull
    {
        var pairs = new List<(T, T)>();
        var left = found.ToList();
        var unpaired = new List<T>();
        foreach (var g in gold)
        {
            var twin = left.FindIndex(f => Equals(key(f), key(g)) && attributes(f).SequenceEqual(attributes(g)));
            if (twin >= 0)
            {
                pairs.Add((g, left[twin]));
                left.RemoveAt(twin);
            }
            else
            {
                unpaired.Add(g);
            }
        }

        missed = [];
        foreach (var g in unpaired)
        {
            var same = left.FindIndex(f => Equals(key(f), key(g)));
            if (same >= 0)
            {
                pairs.Add((g, left[same]));
                left.RemoveAt(same);
            }
            else
            {
                missed.Add(g);
            }
        }

        extra = left;
        return pairs;
    }

    private static string Describe(TroopCount t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Force} {t.Location}{(t.Site is null ? "" : $" ({t.Site})")} {t.Kind.Word()} {t.Count} {t.Bound.Word()} asOf {t.AsOf ?? "null"}");

    private static string Describe(BaseStatus b) => $"{b.Base} {b.Status.Word()} asOf {b.AsOf ?? "null"}";
}
