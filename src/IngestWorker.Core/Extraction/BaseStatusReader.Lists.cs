namespace IngestWorker.Core.Extraction;

/// <summary>Sites listed under one status phrase share it.</summary>
internal static partial class BaseStatusReader
{
    /// <summary>How long an item the rules do not know may be and still stand between two listed sites.</summary>
    private const int UnknownItemGap = 10;

    /// <summary>Words that start a clause of their own, so what follows them is no item of a list.</summary>
    private static readonly HashSet<string> NotListWords = new(StringComparer.Ordinal)
    {
        "which", "that", "who", "where", "when", "while", "said", "says", "was", "were", "is", "are", "has", "have", "had", "will",
        "would", "to", "from", "in", "at", "of", "on", "but", "as", "after", "before", "near", "outside", "by", "with", "for",
    };

    /// <summary>A site listed right after another ("Shaddadi Garrison and Al-Tanf") shares its status phrase.</summary>
    private const int ListGap = 4;

    private static PhraseMatch<SiteStatus>? SharedWithListed(SentenceFacts facts, List<Reading> readings, PlaceMention mention)
    {
        if (readings.Count == 0)
        {
            return null;
        }

        var previous = readings[^1];
        if (ResumesList(facts, previous.Mention.End, mention.Start))
        {
            return previous.Cue;
        }

        var gapStart = AfterBrackets(facts.Sentence, previous.Mention.End);
        if (ListsUnknownName(facts, gapStart, mention.Start))
        {
            return previous.Cue;
        }

        if (mention.Start - gapStart > ListGap || facts.ClauseBreakBetween(gapStart, mention.Start))
        {
            return null;
        }

        for (var k = gapStart; k < mention.Start; k++)
        {
            if (facts.Sentence[k].Norm is "and" or "or" or ",")
            {
                return previous.Cue;
            }
        }

        return null;
    }

    /// <summary>"vacated H2, Euphrates (sometimes known as the Conoco field) and Green Village": a bracketed aside in a list is passed over.</summary>
    private static int AfterBrackets(Sentence sentence, int k)
    {
        if (!sentence.Is(k, "("))
        {
            return k;
        }

        for (var j = k + 1; j < sentence.Count && j <= k + 12; j++)
        {
            if (sentence[j].Text == ")")
            {
                return j + 1;
            }
        }

        return k;
    }

    /// <summary>
    /// "a departure from Baghdad's airport, the heavily-fortified Green Zone and the JOC headquarters": an item
    /// the rules do not know (capitalised words) stands in the list between two sites, so the list goes on.
    /// </summary>
    private static bool ListsUnknownName(SentenceFacts facts, int gapStart, int start)
    {
        var sentence = facts.Sentence;
        var end = sentence.Is(start - 1, "the") ? start - 1 : start;
        var joined = sentence.Is(end - 1, "and") || sentence.Is(end - 1, "or") || sentence.Is(end - 1, ",");

        // "from Baghdad's airport, the heavily-fortified Green Zone and ...": the next item opens with its own modifiers.
        var modified = sentence.Is(gapStart + 1, "the") && !sentence.Is(facts.PlaceAt(start)?.End ?? start, "'s");
        if (start - gapStart > UnknownItemGap || !sentence.Is(gapStart, ",") || !(joined || modified))
        {
            return false;
        }

        if (modified)
        {
            end = start + 1;
        }

        var named = modified;
        for (var k = gapStart + 1; k < end - 1; k++)
        {
            var token = sentence[k];
            if (token.Kind == TokenKind.Punctuation ? token.Text is not ("-" or ",") : NotListWords.Contains(token.Norm) || token.IsNumber)
            {
                return false;
            }

            named |= token.StartsUpper && facts.PlaceAt(k) is null;
        }

        return named;
    }

    /// <summary>
    /// "completed its pullout from the Al-Tanf garrison, a key outpost near ..., as well as from the
    /// Al-Shaddadi base": a repeated preposition after "as well as" or "and" takes up the list again past an aside.
    /// </summary>
    private static bool ResumesList(SentenceFacts facts, int previousEnd, int start)
    {
        var sentence = facts.Sentence;
        var k = start - 1;
        if (sentence.Is(k, "the"))
        {
            k--;
        }

        // "departed from the Qayara base ... as well as the Qaim base": the list goes on without its preposition.
        if (IsAsWellAs(sentence, k) && k - 2 > previousEnd)
        {
            return true;
        }

        if (k < 0 || sentence[k].Norm is not ("from" or "at" or "in" or "to" or "into" or "of"))
        {
            return false;
        }

        k--;
        var joined = sentence.Is(k, "and") || IsAsWellAs(sentence, k);
        if (!joined || k <= previousEnd)
        {
            return false;
        }

        for (var j = previousEnd; j < k; j++)
        {
            if (sentence[j].Text is ";" or "(" or ")")
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsWellAs(Sentence sentence, int k) =>
        sentence.Is(k, "as") && sentence.Is(k - 1, "well") && sentence.Is(k - 2, "as");
}
