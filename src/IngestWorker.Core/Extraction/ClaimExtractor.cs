using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads troop counts and base statuses out of an article. Pure: the same article and rules always give
/// the same claims, which is what makes replaying the log after a rule change meaningful. One pass over
/// the text, sentence by sentence, with bounded work per sentence: linear in the size of the article.
/// </summary>
public static class ClaimExtractor
{
    /// <summary>Longer than any headline: a first line this long is the text itself.</summary>
    private const int MaxHeadlineLength = 300;

    /// <summary>Up to this many claims, finding repeats pairwise is cheaper than building a hash set.</summary>
    private const int MaxClaimsComparedPairwise = 32;

    public static ArticleClaims Extract(Article article, ExtractionRules rules)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(rules);

        var context = new ArticleContext();
        var troopCounts = new List<PendingTroopCount>();
        var headlineStatuses = new List<BaseStatus>();
        var titleEnd = ReadHeadline(article, rules, context, headlineStatuses);
        var baseStatuses = new List<BaseStatus>();
        foreach (var sentence in SentenceSplitter.Split(article.Body))
        {
            var facts = SentenceFacts.Of(sentence, rules, article.Published, context);
            TroopCountReader.Read(facts, rules, context, troopCounts);
            var inTitle = sentence[sentence.Count - 1].End <= titleEnd;
            BaseStatusReader.Read(facts, rules, context, inTitle ? headlineStatuses : baseStatuses, headline: inTitle);
            context.Advance(facts);
        }

        // A headline tells the day's news in few words ("troops leave X"); what the body says of the same site
        // on that day is more precise (its own status, date and quote), so the headline yields to it.
        baseStatuses.InsertRange(0, headlineStatuses.Where(h => !baseStatuses.Any(b => b.Base == h.Base && (b.Status == h.Status || SameDay(b.AsOf, h.AsOf)))).ToList());
        BaseStatusReader.Settle(baseStatuses);
        var force = context.DefaultForce;
        var completed = new List<TroopCount>(troopCounts.Count);
        foreach (var pending in troopCounts)
        {
            completed.Add(pending.Complete(force));
        }

        return new ArticleClaims(
            DistinctBy(completed, c => (c.Force, c.Location, c.Site, c.Kind, c.Count, c.Bound, c.AsOf)),
            DistinctBy(baseStatuses, s => (s.Base, s.Status, s.AsOf)));
    }

    /// <summary>
    /// A headline kept apart from the body (front matter, JSON, HTML) still states what happened to a site
    /// ("Camp Victory Now Under Iraqi Control"). One the body opens with is read there, as a headline: the
    /// offset in the body where it ends is returned (0 when the body does not open with it).
    /// </summary>
    private static int ReadHeadline(Article article, ExtractionRules rules, ArticleContext context, List<BaseStatus> baseStatuses)
    {
        if (article.Title is not { Length: > 0 } title)
        {
            return 0;
        }

        // A first line that ends like a sentence, or runs longer than any headline, is the opening of the text.
        var inBody = article.Body.AsSpan(0, Math.Min(article.Body.Length, title.Length + 200)).IndexOf(title.AsSpan(), StringComparison.Ordinal);
        if (inBody >= 0)
        {
            return title.Length > MaxHeadlineLength || title.TrimEnd().EndsWith('.') || title.TrimEnd().EndsWith('"') ? 0 : inBody + title.Length;
        }

        foreach (var sentence in SentenceSplitter.Split(title))
        {
            BaseStatusReader.Read(SentenceFacts.Of(sentence, rules, article.Published, context), rules, context, baseStatuses, headline: true);
        }

        return 0;
    }

    /// <summary>True when two dates name the same time, one maybe more precisely ("2020-04" and "2020-04-04").</summary>
    private static bool SameDay(string? body, string? headline) =>
        body is not null && headline is not null && (body.StartsWith(headline, StringComparison.Ordinal) || headline.StartsWith(body, StringComparison.Ordinal));

    /// <summary>
    /// An article that says the same thing twice makes one claim; the first quote is kept. An article makes a
    /// few claims, which are compared pairwise without a hash set; a long list still takes one, to stay linear.
    /// </summary>
    private static List<T> DistinctBy<T, TKey>(List<T> claims, Func<T, TKey> key)
    {
        if (claims.Count > MaxClaimsComparedPairwise)
        {
            return claims.DistinctBy(key).ToList();
        }

        var comparer = EqualityComparer<TKey>.Default;
        var kept = new List<T>(claims.Count);
        foreach (var claim in claims)
        {
            var said = key(claim);
            var again = false;
            foreach (var earlier in kept)
            {
                if (comparer.Equals(key(earlier), said))
                {
                    again = true;
                    break;
                }
            }

            if (!again)
            {
                kept.Add(claim);
            }
        }

        return kept;
    }
}
