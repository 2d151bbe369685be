using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Extraction;

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
        var headlineStatuses = new List<BaseStatus>();
        ReadHeadline(article, rules, context, headlineStatuses);
        var baseStatuses = new List<BaseStatus>();
        foreach (var sentence in SentenceSplitter.Split(article.Body))
        {
            var facts = SentenceFacts.Of(sentence, rules, article.Published, context);
            TroopCountReader.Read(facts, rules, context, troopCounts);
            BaseStatusReader.Read(facts, rules, context, baseStatuses);
            context.Advance(facts);
        }

        // The body tells a status it shares with the headline more precisely (its own date and quote).
        baseStatuses.InsertRange(0, headlineStatuses.Where(h => !baseStatuses.Any(b => b.Base == h.Base && b.Status == h.Status)));
        BaseStatusReader.Settle(baseStatuses);
        var force = context.DefaultForce;
        return new ArticleClaims(
            DistinctBy(troopCounts.Select(c => c.Complete(force)), c => (c.Force, c.Location, c.Site, c.Kind, c.Count, c.Bound, c.AsOf)),
            DistinctBy(baseStatuses, s => (s.Base, s.Status, s.AsOf)));
    }

    /// <summary>
    /// A headline kept apart from the body (front matter, JSON, HTML) still states what happened to a site
    /// ("Camp Victory Now Under Iraqi Control"); one the body opens with is read there.
    /// </summary>
    private static void ReadHeadline(Article article, ExtractionRules rules, ArticleContext context, List<BaseStatus> baseStatuses)
    {
        if (article.Title is not { Length: > 0 } title || article.Body.AsSpan(0, Math.Min(article.Body.Length, title.Length + 200)).Contains(title.AsSpan(), StringComparison.Ordinal))
        {
            return;
        }

        foreach (var sentence in SentenceSplitter.Split(title))
        {
            BaseStatusReader.Read(SentenceFacts.Of(sentence, rules, article.Published, context), rules, context, baseStatuses, headline: true);
        }
    }

    /// <summary>An article that says the same thing twice makes one claim; the first quote is kept.</summary>
    private static List<T> DistinctBy<T, TKey>(IEnumerable<T> claims, Func<T, TKey> key) =>
        claims.DistinctBy(key).ToList();
}
