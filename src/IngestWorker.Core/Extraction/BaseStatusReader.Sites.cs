namespace IngestWorker.Core.Extraction;

/// <summary>Which site a place mention names: references resolved, landmarks, aliases and compass regions left out.</summary>
internal static partial class BaseStatusReader
{
    private static readonly HashSet<string> Directions = new(StringComparer.Ordinal)
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeast", "outside",
    };

    private static Place? SiteOf(SentenceFacts facts, ArticleContext context, PlaceMention mention, bool headline)
    {
        var site = mention.IsReference ? ResolveReference(facts, context, mention)
            : NamesBaseWithin(facts, mention) ? context.ResolveReference(facts, mention.Start, within: mention.Place)
            : mention.Place;
        return site is null || site.Kind == PlaceKind.Country || IsLandmark(facts, mention.Start) || (headline && site.ByShape) || IsCompassRegion(site)
            ? null
            : site;
    }

    /// <summary>"northern Syria", "Northeast Syria": a part of a country told by its direction is no base (claims contract).</summary>
    private static bool IsCompassRegion(Place site)
    {
        if (site.Kind != PlaceKind.Region)
        {
            return false;
        }

        var space = site.Name.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && (site.ByShape || Directions.Contains(site.Name[..space].ToLowerInvariant())
            || site.Name[..space].ToLowerInvariant() is "northern" or "southern" or "eastern" or "western" or "central"
                or "northeastern" or "northwestern" or "southeastern" or "southwestern");
    }

    /// <summary>"the Anbar base", "the Baghdad air base": a region or city told as the place of a base named before.</summary>
    private static bool NamesBaseWithin(SentenceFacts facts, PlaceMention mention)
    {
        var sentence = facts.Sentence;
        var next = mention.End;
        return mention.Place is { Kind: PlaceKind.Region or PlaceKind.City } && sentence.Is(mention.Start - 1, "the") && facts.PlaceAt(next) is null
            && (sentence.Is(next, "base") || sentence.Is(next, "airbase") || (sentence.Is(next, "air") && sentence.Is(next + 1, "base")));
    }

    /// <summary>
    /// "Since then it has hosted US units": "it" right before what is said of a site (with no site after it)
    /// speaks of the base named last, in this sentence or the ones just before.
    /// </summary>
    private static void ReadPronounSubject(SentenceFacts facts, ArticleContext context, List<Reading> readings)
    {
        var sentence = facts.Sentence;
        foreach (var cue in facts.StatusAfter)
        {
            var k = cue.Start - 1;
            if (k >= 0 && sentence[k].Norm is "also" or "still" or "long" or "now" or "first" or "since")
            {
                k--;
            }

            if (!sentence.Is(k, "it") || facts.PlaceAt(k) is not null || facts.PlaceAt(cue.End) is not null || facts.PlaceAt(cue.End + 1) is not null
                || context.ResolveReference(facts, k) is not { } site || readings.Any(r => r.Site == site)
                || Adjust(facts, cue.Value, cue) is not { } status)
            {
                continue;
            }

            readings.Add(new Reading(site, status, cue, new PlaceMention(k, k + 1, site, IsReference: true)));
        }
    }

    /// <summary>"BASE IMAM ALI, Iraq - On Friday ...": where the report was filed, told before the report itself.</summary>
    private static bool IsDateline(SentenceFacts facts, PlaceMention mention)
    {
        var sentence = facts.Sentence;
        if (mention.Start != 0)
        {
            return false;
        }

        var k = mention.End;
        if (sentence.Is(k, ",") && facts.PlaceAt(k + 1) is { } around && around.Start == k + 1)
        {
            k = around.End;
        }

        return k < sentence.Count && sentence[k].Text is "-" or "\u2013" or "\u2014" or "(";
    }

    /// <summary>"the base near Manbij" is another, unnamed base, not the one named before.</summary>
    private static Place? ResolveReference(SentenceFacts facts, ArticleContext context, PlaceMention mention)
    {
        if (mention.Place is { } known)
        {
            return known;
        }

        // "are based there": the place named last, here or in the sentence before; a country is no site.
        if (facts.Sentence.Is(mention.Start, "there"))
        {
            return facts.LastPlaceBefore(mention.Start) ?? context.RecentSite;
        }

        var next = mention.End;
        var placedElsewhere = next < facts.Sentence.Count && facts.Sentence[next].Norm is "near" or "in" or "at" or "outside"
            && facts.PlaceAt(next + 1) is { Place: not null };
        return placedElsewhere ? null : context.ResolveReference(facts, mention.Start);
    }

    /// <summary>"south of Mosul", "near Kirkuk": a place named to locate another is not a site itself.</summary>
    private static bool IsLandmark(SentenceFacts facts, int start) =>
        IsLandmark(facts.Sentence, start) || LocatesUnknownName(facts, start);

    /// <summary>
    /// "Sahil Depot in northern Iraq": a place after a proper name the rules do not know only says where
    /// that site is; the status is the unknown site's, not the region's.
    /// </summary>
    private static bool LocatesUnknownName(SentenceFacts facts, int start)
    {
        var sentence = facts.Sentence;
        return sentence.Is(start - 1, "in") && start >= 3
            && sentence[start - 2] is { IsWord: true, StartsUpper: true } && sentence[start - 3] is { IsWord: true, StartsUpper: true }
            && facts.PlaceAt(start - 2) is null && facts.PlaceAt(start - 3) is null;
    }

    private static bool IsLandmark(Sentence sentence, int start) =>
        IsAlias(sentence, sentence.Is(start - 1, "the") ? start - 2 : start - 1)
        || sentence.Is(start - 1, "near") || sentence.Is(start - 1, "outside")
        || (sentence.Is(start - 1, "the") && (sentence.Is(start - 2, "near") || sentence.Is(start - 2, "outside")))
        || (sentence.Is(start - 1, "in") && sentence.Is(start - 2, "bases"))
        || (sentence.Is(start - 1, "of") && start >= 2 && Directions.Contains(sentence[start - 2].Norm));

    /// <summary>"Euphrates, sometimes called the Conoco gas field": another name of the site just named, not a site of its own.</summary>
    private static bool IsAlias(Sentence sentence, int k)
    {
        if (sentence.Is(k, "as") && sentence.Is(k - 1, "known"))
        {
            k--;
        }
        else if (!(sentence.Is(k, "called") || sentence.Is(k, "dubbed") || sentence.Is(k, "nicknamed")))
        {
            return false;
        }

        return k >= 1 && sentence[k - 1].Norm is "sometimes" or "also" or "often" or "locally" or "formerly" or "officially" or "once" or "previously";
    }
}
