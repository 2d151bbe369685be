namespace IngestWorker.Core.Extraction;

/// <summary>How a status phrase is told: denied, in the future, or said of only part of the force.</summary>
internal static partial class BaseStatusReader
{
    /// <summary>Words before a departure that say only part of the force left ("most of whom had departed").</summary>
    private static readonly HashSet<string> PartWords = new(StringComparer.Ordinal)
    {
        "most", "some", "many", "part", "half", "several", "hundreds", "thousands", "dozens", "majority",
    };

    /// <summary>Words before a departure that say the whole force left ("after all personnel departed").</summary>
    private static readonly HashSet<string> WholeWords = new(StringComparer.Ordinal) { "all", "last", "remaining", "entire", "every" };

    /// <summary>Words that may follow "to" when it leads to a place ("moved to the base"), not to a verb ("moved in to secure").</summary>
    private static readonly HashSet<string> ToObjects = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "two", "three", "four", "five",
        "several", "some", "one", "other", "another", "bases", "nearby", "neighboring", "neighbouring", "there", "it",
    };

    /// <summary>Verbs whose subject gives a place away (hand over, turn over, transfer), unlike "took control of".</summary>
    private static readonly HashSet<string> GivingVerbs = new(StringComparer.Ordinal)
    {
        "hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning", "transfer", "transfers", "transferred", "transferring",
    };

    /// <summary>Parties other than US or coalition forces that take and give ground in the reports.</summary>
    private static readonly HashSet<string> OtherParties = new(StringComparer.Ordinal)
    {
        "kurdish", "syrian", "turkish", "russian", "iranian", "rebel", "rebels", "militia", "militias", "militants", "insurgents", "sdf", "ypg",
    };

    /// <summary>The status a cue gives in its sentence: null when it is negated ("has not left"), a plan when told in the future.</summary>
    private static SiteStatus? Adjust(SentenceFacts facts, SiteStatus status, PhraseMatch<SiteStatus> cue)
    {
        if (Negated(facts.Sentence, cue.Start))
        {
            return null;
        }

        if (status is SiteStatus.HandedOver or SiteStatus.HandoverInProgress && GivenByOtherParty(facts, cue))
        {
            return null;
        }

        if (status == SiteStatus.Active && OrganisationSeat(facts.Sentence, cue.Start))
        {
            return null;
        }

        if (status != SiteStatus.Active && IsGerundSubject(facts.Sentence, cue.Start))
        {
            return null;
        }

        if (status == SiteStatus.Active && facts.HasUntilDate)
        {
            return SiteStatus.WithdrawalPlanned;
        }

        // "troops would be pulled out of northern Syria": a move told in the future is a plan.
        if (status is SiteStatus.HandedOver or SiteStatus.WithdrawalStarted or SiteStatus.HandoverInProgress && IsFuture(facts.Sentence, cue.Start))
        {
            return SiteStatus.WithdrawalPlanned;
        }

        // "at least 500 troops had departed the base": some left, so leaving is under way, not done.
        return status == SiteStatus.HandedOver && OnlyPartLeft(facts, cue.Start) ? SiteStatus.WithdrawalStarted : status;
    }

    /// <summary>
    /// "Kurdish forces have begun turning over territory, Kobani among it, to the Syrian army": who hands a place
    /// over is the one leaving it; when that is another party than US or coalition forces, it is no status of a base of theirs.
    /// </summary>
    private static bool GivenByOtherParty(SentenceFacts facts, PhraseMatch<SiteStatus> cue)
    {
        var sentence = facts.Sentence;
        if (!GivingVerbs.Contains(sentence[cue.Start].Norm))
        {
            return false;
        }

        for (var k = cue.Start - 1; k >= 0 && k >= cue.Start - 6 && !facts.ClauseBreakBetween(k, cue.Start); k--)
        {
            if (facts.Forces.Any(f => f.Start <= k && k < f.End))
            {
                return false;
            }

            if (OtherParties.Contains(sentence[k].Norm))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"the website, which is based in Erbil": one body said to be based somewhere is an office, not troops.</summary>
    private static bool OrganisationSeat(Sentence sentence, int cueStart) =>
        sentence[cueStart].Norm is "based" or "headquartered" && sentence.Is(cueStart - 1, "is")
        && cueStart >= 2 && sentence[cueStart - 2].Norm is "which" or "that" or "who";

    /// <summary>"said that handing over the base was a step forward": an act named as a thing, not one under way.</summary>
    private static bool IsGerundSubject(Sentence sentence, int cueStart) =>
        sentence[cueStart].Norm.EndsWith("ing", StringComparison.Ordinal) && (cueStart == 0 || sentence.Is(cueStart - 1, "that"));

    private static bool Ended(SentenceFacts facts, int cueStart)
    {
        for (var k = cueStart - 1; k >= 0 && k >= cueStart - 8 && !facts.ClauseBreakBetween(k, cueStart); k--)
        {
            if (facts.Sentence[k].Norm is "ending" or "ended" or "end" or "ends")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFuture(Sentence sentence, int cueStart)
    {
        var k = SkipBack(sentence, cueStart - 1);
        if (k >= 0 && sentence[k].Norm is "will" or "would" or "shall" or "to" or "'ll")
        {
            return true;
        }

        // "the plan would have every soldier leave the base": a modal a few words back governs the verb.
        for (var j = k; j >= 0 && j >= k - 5; j--)
        {
            if (sentence[j].Kind == TokenKind.Punctuation)
            {
                break;
            }

            if (sentence[j].Norm is "will" or "would")
            {
                return true;
            }
        }

        // "agreed to depart the base and hand it over": a verb joined to one told in the future shares its time.
        if (k < 0 || sentence[k].Norm is not ("and" or "or"))
        {
            return false;
        }

        for (var j = k - 1; j >= 0 && j >= k - 16; j--)
        {
            var token = sentence[j];
            if (token.Kind == TokenKind.Punctuation && token.Text != "-")
            {
                return false;
            }

            if (token.Norm is "will" or "would" or "shall"
                || (token.Norm == "to" && j + 1 < sentence.Count && sentence[j + 1] is { IsWord: true, StartsUpper: false } verb && !ToObjects.Contains(verb.Norm)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"has not left", "never vacated", "did n't hand over": the verb is denied, so it says nothing of the site.</summary>
    private static bool Negated(Sentence sentence, int cueStart)
    {
        var k = SkipBack(sentence, cueStart - 1);
        if (k >= 0 && sentence[k].Norm is "has" or "have" or "had" or "did" or "does" or "do" or "is" or "are" or "was" or "were")
        {
            k--;
        }

        return k >= 0 && sentence[k].Norm is "not" or "never" or "n't" or "nor";
    }

    /// <summary>Steps back over words that stand between a modal or a negation and its verb ("will soon begin", "has not yet").</summary>
    private static int SkipBack(Sentence sentence, int k)
    {
        for (var steps = 0; k >= 0 && steps < 3 && sentence[k].Norm is "be" or "begin" or "start" or "soon" or "also" or "eventually" or "gradually" or "fully" or "completely" or "yet" or "then" or "still" or "finally"; steps++)
        {
            k--;
        }

        return k;
    }

    private static bool OnlyPartLeft(SentenceFacts facts, int cueStart)
    {
        var sentence = facts.Sentence;
        var part = false;
        for (var k = cueStart - 1; k >= 0 && k >= cueStart - 8; k--)
        {
            var token = sentence[k];
            if (token.Kind == TokenKind.Punctuation && token.Text != "-")
            {
                break;
            }

            if (WholeWords.Contains(token.Norm))
            {
                return false;
            }

            part |= PartWords.Contains(token.Norm) || (token.IsNumber && !facts.Times.Any(t => t.Start <= k && k < t.End));
        }

        return part;
    }
}
