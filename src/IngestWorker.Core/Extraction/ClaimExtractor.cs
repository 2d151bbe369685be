using IngestWorker.Articles;

namespace IngestWorker.Extraction;

/// <summary>
/// Reads troop counts and base statuses out of an article. Pure: the same article and rules always give
/// the same claims, which is what makes replaying the log after a rule change meaningful. One pass over
/// the text, sentence by sentence, with bounded work per sentence: linear in the size of the article.
/// </summary>
public static class ClaimExtractor
{
    public static ArticleClaims Extract(Article article, ExtractionRules rules)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(rules);

        var context = new ArticleContext();
        var troopCounts = new List<PendingTroopCount>();
        var baseStatuses = new List<BaseStatus>();
        foreach (var sentence in SentenceSplitter.Split(article.Body))
        {
            var facts = SentenceFacts.Of(sentence, rules, article.Published, context);
            TroopCountReader.Read(facts, rules, context, troopCounts);
            BaseStatusReader.Read(facts, context, baseStatuses);
            context.Advance(facts);
        }

        var force = context.DefaultForce;
        return new ArticleClaims(
            DistinctBy(troopCounts.Select(c => c.Complete(force)), c => (c.Force, c.Location, c.Site, c.Kind, c.Count, c.Bound, c.AsOf)),
            DistinctBy(baseStatuses, s => (s.Base, s.Status, s.AsOf)));
    }

    /// <summary>An article that says the same thing twice makes one claim; the first quote is kept.</summary>
    private static List<T> DistinctBy<T, TKey>(IEnumerable<T> claims, Func<T, TKey> key) =>
        claims.DistinctBy(key).ToList();
}
