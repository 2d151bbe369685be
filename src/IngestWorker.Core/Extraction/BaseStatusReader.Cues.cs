namespace IngestWorker.Core.Extraction;

/// <summary>Which status phrase speaks of a site named in the sentence: before it, after it, or in a clause about it.</summary>
internal static partial class BaseStatusReader
{
    /// <summary>How far after a status phrase a site may be named and still be spoken of by it.</summary>
    private const int StrongReach = 20;

    private const int ActiveReach = 14;

    private const int AfterReach = 5;

    private static PhraseMatch<SiteStatus>? StatusOf(SentenceFacts facts, PlaceMention mention)
    {
        var located = LocatedEnd(facts, mention);
        var end = AfterAside(facts, located);
        var relative = RelativeStart(facts.Sentence, located);
        PhraseMatch<SiteStatus>? presentAfter = null;
        foreach (var after in facts.StatusAfter)
        {
            if (after.Start == relative
                || (after.Start >= end && after.Start - end <= AfterReach && !facts.ClauseBreakBetween(end, after.Start)
                    && !IsRelativeOfLocatedNoun(facts, mention, after.Start)))
            {
                // "relocated to Ali Al Salem Air Base, home to the wing": presence said of the site yields to a move to it.
                if (after.Value != SiteStatus.Active)
                {
                    return after;
                }

                presentAfter ??= after;
            }
        }

        if (InAsideRelative(facts, located) is { } told)
        {
            return told;
        }

        PhraseMatch<SiteStatus>? strong = null;
        PhraseMatch<SiteStatus>? active = null;
        foreach (var before in facts.StatusBefore)
        {
            // A phrase with a gap may hold the site itself: "handover of Camp Taji was completed".
            var holdsSite = before.Start < mention.Start && before.End >= mention.End;
            if (!holdsSite && (before.End > mention.Start || BreaksClause(facts, before.End, mention.Start)))
            {
                continue;
            }

            if (!holdsSite && LeadsToVerb(facts, before))
            {
                continue;
            }

            // "would begin moving from Baghdad to Erbil": the place troops move from is left, not reinforced.
            if (holdsSite && before.Value == SiteStatus.ReceivingForces && facts.Sentence.Is(mention.Start - 1, "from"))
            {
                strong = before with { Value = SiteStatus.WithdrawalStarted };
                continue;
            }

            var distance = holdsSite ? 0 : mention.Start - before.End;
            var reach = before.Value == SiteStatus.Active ? ActiveReach : StrongReach;
            if (!holdsSite && !Reaches(facts, before.End, mention, distance <= reach))
            {
                continue;
            }

            // "would begin moving from Baghdad to Erbil": the place the move starts from is being left, not receiving.
            if (holdsSite && before.Value == SiteStatus.ReceivingForces && IsOrigin(facts.Sentence, mention.Start))
            {
                strong = before with { Value = SiteStatus.WithdrawalStarted };
                continue;
            }

            if (before.Value == SiteStatus.Active)
            {
                // "ending a decade of American presence at the compound": a presence said to end is not active.
                if (!Ended(facts, before.Start))
                {
                    active = before;
                }
            }
            else
            {
                strong = before;
            }
        }

        return strong ?? presentAfter ?? active;
    }

    /// <summary>
    /// A clause break between two tokens, except a comma that opens a list of what was just named: "will go to
    /// the contested areas, including the Kurdish regions", "at two places, namely Ain al-Asad Air Base".
    /// </summary>
    private static bool BreaksClause(SentenceFacts facts, int from, int to)
    {
        if (!facts.ClauseBreakBetween(from, to))
        {
            return false;
        }

        // Only a site within reach matters, so only that stretch is looked at: a sentence of megabytes stays linear.
        var sentence = facts.Sentence;
        for (var k = to - 2; k >= from && k >= to - StrongReach; k--)
        {
            if (sentence[k].Text == "," && sentence[k + 1].Norm is "including" or "namely" or "notably" or "especially")
            {
                return facts.ClauseBreakBetween(from, k) || facts.ClauseBreakBetween(k + 1, to);
            }
        }

        return facts.ClauseBreakBetween(from, to);
    }

    private static bool IsOrigin(Sentence sentence, int start)
    {
        var k = sentence.Is(start - 1, "the") ? start - 2 : start - 1;
        return sentence.Is(k, "from") || (sentence.Is(k, "of") && sentence.Is(k - 1, "out"));
    }

    /// <summary>"moved in to secure the base": "to" leads to a verb, so the phrase does not say where troops went.</summary>
    private static bool LeadsToVerb(SentenceFacts facts, PhraseMatch<SiteStatus> cue)
    {
        var sentence = facts.Sentence;
        if (!sentence.Is(cue.End - 1, "to") || cue.End >= sentence.Count)
        {
            return false;
        }

        var next = sentence[cue.End];
        return next.IsWord && !next.StartsUpper && facts.PlaceAt(cue.End) is null && !ToObjects.Contains(next.Norm);
    }

    /// <summary>
    /// A status phrase speaks of the first site after it, and of further sites only when they are listed
    /// with it ("from Baghdad and Ain al-Asad"): in "moving elements to Camp Arifjan as the mission in
    /// Baghdad winds down" it does not reach Baghdad. A listed site may lie beyond the usual reach.
    /// </summary>
    private static bool Reaches(SentenceFacts facts, int cueEnd, PlaceMention mention, bool withinReach) =>
        ReachesPastPlaces(facts, cueEnd, mention, withinReach) && !ObjectIsNoSite(facts, cueEnd) && !InfinitiveBetween(facts, cueEnd, mention.Start);

    private static bool ReachesPastPlaces(SentenceFacts facts, int cueEnd, PlaceMention mention, bool withinReach)
    {
        PlaceMention? lastBetween = null;
        foreach (var other in facts.Places)
        {
            if (other.Start >= cueEnd && other.End <= mention.Start && other.Place is { Kind: not PlaceKind.Country }
                && !IsLandmark(facts, other.Start))
            {
                lastBetween = other;
            }

            // "deploy 600 troops to Iraq to help retake Mosul": the move reached the country; a site after it is another matter.
            if (other.Start >= cueEnd && other.End < mention.Start && other.Place is { Kind: PlaceKind.Country }
                && !(facts.Sentence[other.End].Norm is "'s" or "\u2019s" or "," or "and" or "or"))
            {
                return false;
            }
        }

        if (lastBetween is null)
        {
            return withinReach && !AfterVerbOfItsOwn(facts, cueEnd, mention.Start);
        }

        for (var k = lastBetween.End; k < mention.Start; k++)
        {
            if (facts.Sentence[k].Norm is "and" or "or" or ",")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"move closer to the battle to retake Mosul": a site after an infinitive of its own is that verb's, not the cue's.</summary>
    private static bool AfterVerbOfItsOwn(SentenceFacts facts, int cueEnd, int start)
    {
        for (var k = cueEnd; k < start - 1; k++)
        {
            if (facts.Sentence.Is(k, "to") && facts.Sentence[k + 1] is { IsWord: true, StartsUpper: false } verb && !ToObjects.Contains(verb.Norm)
                && facts.PlaceAt(k + 1) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "video sent to Rudaw by residents showed flames at the base": the phrase's "to" leads to a name that is no
    /// place and no force, so the move ended there and says nothing of a site named later.
    /// </summary>
    private static bool ObjectIsNoSite(SentenceFacts facts, int cueEnd)
    {
        var sentence = facts.Sentence;
        if (!sentence.Is(cueEnd - 1, "to") || cueEnd + 1 >= sentence.Count)
        {
            return false;
        }

        var name = sentence[cueEnd];
        var after = sentence[cueEnd + 1];
        return name is { IsWord: true, StartsUpper: true } && facts.PlaceAt(cueEnd) is null && !facts.Forces.Any(f => f.Start == cueEnd)
            && ((after.IsWord && !after.StartsUpper) || (after.Kind == TokenKind.Punctuation && after.Text != "-"));
    }

    /// <summary>
    /// "move closer to the battle to retake Mosul": an infinitive between the phrase and the site starts another
    /// action, so the site is that action's, not the move's.
    /// </summary>
    private static bool InfinitiveBetween(SentenceFacts facts, int cueEnd, int siteStart)
    {
        var sentence = facts.Sentence;
        for (var k = cueEnd; k + 1 < siteStart && k < cueEnd + StrongReach; k++)
        {
            if (sentence[k].Norm == "to" && sentence[k + 1] is { IsWord: true, StartsUpper: false } verb && !ToObjects.Contains(verb.Norm)
                && facts.PlaceAt(k + 1) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where the name of a site ends once the place that locates it is counted in: "the K1 Air Base in the
    /// northern province of Kirkuk" ends after Kirkuk, so a status phrase after it still speaks of K1.
    /// </summary>
    private static int LocatedEnd(SentenceFacts facts, PlaceMention mention)
    {
        if (mention.Place is not { } site)
        {
            return mention.End;
        }

        var end = NameEnd(facts, mention);
        foreach (var other in facts.Places)
        {
            if (other.Start >= end && other.Start - end <= 6 && other.Place is { } around && site.LiesWithinOrNear(around)
                && facts.Sentence.Is(end, "in") && !facts.ClauseBreakBetween(end, other.Start))
            {
                return other.End;
            }
        }

        return end;
    }

    /// <summary>
    /// "the command centre in Baghdad that is due to go back to Iraqi control": the clause after "that"
    /// speaks of the centre the city locates, not of the city.
    /// </summary>
    private static bool IsRelativeOfLocatedNoun(SentenceFacts facts, PlaceMention mention, int afterStart)
    {
        var sentence = facts.Sentence;
        if (!(sentence.Is(mention.Start - 1, "in") || sentence.Is(mention.Start - 1, "near") || sentence.Is(mention.Start - 1, "outside")))
        {
            return false;
        }

        for (var k = mention.End; k < afterStart; k++)
        {
            if (sentence[k].Norm is "that" or "which")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Victory Base, the war command centre in Baghdad that is due to go back to Iraqi control": the aside's clause speaks of the site.</summary>
    private static PhraseMatch<SiteStatus>? InAsideRelative(SentenceFacts facts, int end)
    {
        var sentence = facts.Sentence;
        if (!sentence.Is(end, ",") || !(sentence.Is(end + 1, "a") || sentence.Is(end + 1, "an") || sentence.Is(end + 1, "the")))
        {
            return null;
        }

        for (var k = end + 2; k < sentence.Count && k <= end + 16; k++)
        {
            if (sentence[k].Kind == TokenKind.Punctuation && sentence[k].Text != "-" && sentence[k].Text != ".")
            {
                return null;
            }

            if (sentence[k].Norm is "that" or "which")
            {
                foreach (var after in facts.StatusAfter)
                {
                    if (after.Start == k + 1 || (after.Start == k + 2 && sentence[k + 1].Norm is "is" or "was" or "are" or "were"))
                    {
                        return after;
                    }
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Where a clause about the site just named begins: "K1, which has hosted ...", "Harir, home to ...":
    /// what it says is said of the site though a comma stands between; -1 when none begins there.
    /// </summary>
    private static int RelativeStart(Sentence sentence, int end)
    {
        var k = sentence.Is(end, ",") ? end + 1 : end;
        if (sentence.Is(k, "which") || sentence.Is(k, "that") || sentence.Is(k, "where"))
        {
            return k + 1;
        }

        return k > end && sentence.Is(k, "home") ? k : -1;
    }

    /// <summary>
    /// "Camp Victory, a sprawling compound on the edge of Baghdad, had been the headquarters": an aside
    /// between commas after a site does not part it from what the sentence goes on to say of it.
    /// </summary>
    private static int AfterAside(SentenceFacts facts, int end)
    {
        var sentence = facts.Sentence;
        var opensAside = sentence.Is(end + 1, "a") || sentence.Is(end + 1, "an") || sentence.Is(end + 1, "the")
            || sentence.Is(end + 1, "located") || sentence.Is(end + 1, "situated") || sentence.Is(end + 1, "which") || sentence.Is(end + 1, "near")
            || sentence.Is(end + 1, "about") || sentence.Is(end + 1, "some") || sentence.Is(end + 1, "just") || sentence.Is(end + 1, "south")
            || sentence.Is(end + 1, "north") || sentence.Is(end + 1, "east") || sentence.Is(end + 1, "west") || sentence.Is(end + 1, "southwest")
            || sentence.Is(end + 1, "southeast") || sentence.Is(end + 1, "northwest") || sentence.Is(end + 1, "northeast")
            || IsAlias(sentence, end + 2) || IsAlias(sentence, end + 3);
        if (!sentence.Is(end, ",") || !opensAside)
        {
            return end;
        }

        for (var k = end + 2; k < sentence.Count && k <= end + 16; k++)
        {
            if (sentence[k].Text is ";" or "(" or ")" or "\u2014")
            {
                return end;
            }

            if (sentence[k].Text == ",")
            {
                // "located south of Mosul, Iraq, has been": a country after the town belongs to the aside.
                return facts.PlaceAt(k + 1) is { Place.Kind: PlaceKind.Country } country && country.Start == k + 1 && sentence.Is(country.End, ",")
                    ? country.End + 1
                    : k + 1;
            }
        }

        return end;
    }

    /// <summary>"The Qayyarah Airfield West base": a noun for sites right after a site's name belongs to the name.</summary>
    private static int NameEnd(SentenceFacts facts, PlaceMention mention)
    {
        var sentence = facts.Sentence;
        return mention.Place is { Kind: PlaceKind.Base } && mention.End < sentence.Count && !sentence[mention.End].StartsUpper
            && sentence[mention.End].Norm is "base" or "airbase" or "airfield" or "garrison" or "compound" && facts.PlaceAt(mention.End) is null
            ? mention.End + 1
            : mention.End;
    }
}
