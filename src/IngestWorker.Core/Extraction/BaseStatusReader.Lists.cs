namespace IngestWorker.Core.Extraction;

/// <summary>Sites listed under one status phrase share it.</summary>
internal static partial class BaseStatusReader
{
    /// <summary>A site listed right after another ("Shaddadi Garrison and Al-Tanf") shares its status phrase.</summary>
    private const int ListGap = 4;

    private static PhraseMatch<string>? SharedWithListed(SentenceFacts facts, List<Reading> readings, PlaceMention mention)
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

        var gapStart = previous.Mention.End;
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
