using System.Globalization;
using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Extraction;

/// <summary>Runs every example of a rules file through the extractor and lists those that yield something else.</summary>
public static class RulesCheck
{
    /// <summary>One line per example whose claims differ from what it says; empty when all hold.</summary>
    public static IReadOnlyList<string> Mismatches(ExtractionRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var mismatches = new List<string>();
        foreach (var example in rules.Examples)
        {
            var body = example.Text.Trim();
            var article = new Article(null, example.Published, null, null, body, ContentHash.Of(body));
            var claims = ClaimExtractor.Extract(article, rules);
            var troops = claims.TroopCounts.Select(Render).ToList();
            var bases = claims.BaseStatuses.Select(b => $"{b.Base}: {b.Status.Word()} {b.AsOf ?? "null"}").ToList();
            if (!SameSet(troops, example.TroopCounts) || !SameSet(bases, example.BaseStatuses))
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture,
                    $"line {example.Line}: \"{body}\" gave troopCounts [{string.Join("; ", troops)}] and baseStatuses [{string.Join("; ", bases)}], "
                    + $"the example says [{string.Join("; ", example.TroopCounts)}] and [{string.Join("; ", example.BaseStatuses)}]"));
            }
        }

        return mismatches;
    }

    private static string Render(TroopCount t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Location} {t.Kind.Word()} {t.Count} {t.Bound.Word()} {t.AsOf ?? "null"}");

    private static bool SameSet(List<string> actual, IReadOnlyList<string> expected) =>
        actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Select(e => e.Trim()).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
