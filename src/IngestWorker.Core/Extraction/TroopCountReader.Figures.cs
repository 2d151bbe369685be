namespace IngestWorker.Core.Extraction;

/// <summary>Whether a number is a troop figure: its noun, its bound, its pairing and what rules it out.</summary>
internal static partial class TroopCountReader
{
    /// <summary>"2,000 of its 5,000 troops": where the whole's number starts, so it is read too.</summary>
    private static int? WholeAfterPartitive(Sentence sentence, Figure figure)
    {
        var of = (figure.Second?.End ?? figure.First.End);
        return sentence.Is(of, "of") && NumberReader.TryRead(sentence, of + 2, out var whole) && whole.End <= figure.NounEnd ? whole.Start : null;
    }

    /// <summary>
    /// "Iraq has about 650,000 soldiers": a country that has or fields the figure, with no force named, owns
    /// it; the host country's own forces are not a troop count.
    /// </summary>
    private static bool IsHostsOwn(SentenceFacts facts, int boundStart)
    {
        var sentence = facts.Sentence;
        var verb = boundStart - 1;
        if (verb < 1 || sentence[verb].Norm is not ("has" or "had" or "have" or "fields" or "fielded" or "maintains" or "maintained"))
        {
            return false;
        }

        // "while France has around 2,000": a capitalised subject set against ours that is no force of ours and no place we know.
        if (sentence[verb - 1].StartsUpper && sentence[verb - 1].IsWord && facts.PlaceAt(verb - 1) is null
            && !IsForceAt(facts, verb - 1) && verb >= 2 && sentence[verb - 2].Norm is "while" or "whereas" or "and" or ",")
        {
            return true;
        }

        return facts.PlaceAt(verb - 1) is { Place: { Kind: PlaceKind.Country } owner } && NearestForceBefore(facts, boundStart) is null
            && owner.Name is not ("United States" or "US" or "USA");
    }

    private static bool IsForceAt(SentenceFacts facts, int index)
    {
        foreach (var force in facts.Forces)
        {
            if (force.Start <= index && force.End > index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"from 5,200", "from about 8,500", "from the current 142,000": the index of "from", or -1.</summary>
    private static int FromBefore(Sentence sentence, int boundStart)
    {
        for (var k = boundStart - 1; k >= Math.Max(0, boundStart - 3); k--)
        {
            if (sentence.Is(k, "from"))
            {
                return k;
            }

            if (sentence[k].Norm is not ("the" or "current" or "present" or "a" or "an" or "its" or "their" or "roughly"))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>"150 or so", "2,000 or more", "300 or fewer".</summary>
    private static (Bound Bound, int End)? TrailingBound(Sentence sentence, int end)
    {
        if (!sentence.Is(end, "or"))
        {
            return null;
        }

        return sentence.Is(end + 1, "so") ? (Bound.Approximately, end + 2)
            : sentence.Is(end + 1, "more") ? (Bound.AtLeast, end + 2)
            : sentence.Is(end + 1, "fewer") || sentence.Is(end + 1, "less") ? (Bound.AtMost, end + 2)
            : null;
    }

    /// <summary>"a transitional force of 35,000", "a contingent of 150": the troop noun stands before the number.</summary>
    private static bool NounBefore(Sentence sentence, ExtractionRules rules, int boundStart)
    {
        var of = boundStart - 1;
        if (!sentence.Is(of, "of") || of < 1)
        {
            return false;
        }

        return BodyNouns.Contains(sentence[of - 1].Norm)
            || (rules.TroopNouns.TryMatchEndingAt(sentence, of, 3, out var noun) && noun.End == of && !sentence[of - 1].StartsUpper);
    }

    /// <summary>
    /// Where a figure's own clause ends: at a clause break or a word opening a subordinate clause. A place
    /// or date after it belongs to another verb.
    /// </summary>
    private static int ScopeEnd(SentenceFacts facts, int nounEnd)
    {
        var sentence = facts.Sentence;
        for (var k = nounEnd; k < sentence.Count; k++)
        {
            if (Subordinators.Contains(sentence[k].Norm) || facts.ClauseBreakBetween(k, k + 1))
            {
                return k;
            }
        }

        return sentence.Count;
    }

    /// <summary>
    /// A bare number takes its noun from the number counted last in the sentence: "from 505 bases ... down
    /// to 11" counts bases, not troops.
    /// </summary>
    private static bool BorrowsOtherNoun(SentenceFacts facts, int boundStart)
    {
        var sentence = facts.Sentence;
        for (var k = boundStart - 1; k >= 0; k--)
        {
            if (sentence[k].IsNumber || NumberReader.TryRead(sentence, k, out _))
            {
                // "in the last three months, and the latest step brings the total to 4,647": another clause's count.
                return !facts.ClauseBreakBetween(k, boundStart) && (facts.NotTroopsBeside(k + 1) || facts.NotTroopsBeside(Math.Min(k + 2, sentence.Count)));
            }
        }

        return false;
    }

    /// <summary>The troop noun after the number, over modifiers like "U.S." or "combat"; -1 when there is none.</summary>
    private static (int NounEnd, string? Force) ReadNoun(Sentence sentence, ExtractionRules rules, int start)
    {
        string? force = null;
        var j = start;

        // "99,000 of the troops", "2,000 of its soldiers": a partitive names the noun after a determiner.
        if (sentence.Is(j, "of") && j + 1 < sentence.Count && PartitiveDeterminers.Contains(sentence[j + 1].Norm))
        {
            j += 2;

            // "2,000 of its 5,000 troops": the whole is a figure of its own, read after this one.
            if (NumberReader.TryRead(sentence, j, out var whole))
            {
                j = whole.End;
            }

            start = j;
        }

        // "7,500 coalition troops, of whom 5,000 were U.S. forces": the noun stands after a verb of being.
        if (sentence[Math.Min(j, sentence.Count - 1)].Norm is "were" or "are" && sentence.Is(start - 2, "whom") && sentence.Is(start - 3, "of"))
        {
            j++;
            start = j;
        }

        while (j < sentence.Count && j - start <= 5)
        {
            if (rules.TroopNouns.TryMatch(sentence, j, out var noun))
            {
                return (noun.End, force);
            }

            // "2,000 coalition members": a member of a named force is one of its troops.
            if (force is not null && (sentence.Is(j, "members") || sentence.Is(j, "staff")))
            {
                return (j + 1, force);
            }

            if (rules.Forces.TryMatch(sentence, j, out var named))
            {
                force = force is null || force == named.Value ? named.Value : "Coalition";
                j = named.End;
                continue;
            }

            if (rules.TroopModifiers.TryMatch(sentence, j, out var modifier))
            {
                j = modifier.End;
                continue;
            }

            break;
        }

        return (-1, null);
    }

    private static bool CanFollowBareNumber(Sentence sentence, int end) =>
        end >= sentence.Count || BareFollowers.Contains(sentence[end].Norm);

    /// <summary>
    /// A number with no troop noun is only a figure when something ties it to troops: a bound ("more than
    /// 900"), a place right after it ("900 in Syria", "900 in neighbouring Syria"), a cue right before it
    /// ("sent an extra 1,000"), "to" ("brings the force to 5,262"), "a further" or "another", or "and" after
    /// a figure of the same sentence ("2,500 troops in Iraq and 900 in Syria"). A bare "103 to 321" in a
    /// sentence that mentions troops is not one.
    /// </summary>
    private static bool BareNumberIsAnchored(SentenceFacts facts, int boundStart, Bound bound, int numbersEnd, List<Figure> earlier)
    {
        var sentence = facts.Sentence;
        if (bound != Bound.Exact || KindCueEndsAt(facts, boundStart) || sentence.Is(boundStart - 1, "to")
            || sentence.Is(boundStart - 1, "another") || (sentence.Is(boundStart - 1, "further") && sentence.Is(boundStart - 2, "a")))
        {
            return true;
        }

        if (sentence.Is(boundStart - 1, "and") && earlier.Count > 0 && !facts.ClauseBreakBetween(earlier[^1].NounEnd, boundStart))
        {
            return true;
        }

        if (OpensWithTroopPartitive(facts, boundStart) || CountsNamedTotal(facts, boundStart))
        {
            return true;
        }

        // "900 are in Syria", "99,000 were at the front": a verb of being may stand between the number and the place.
        var at = sentence[Math.Min(numbersEnd, sentence.Count - 1)].Norm is "are" or "were" or "remain" or "remained" ? numbersEnd + 1 : numbersEnd;
        if (!sentence.Is(at, "in") && !sentence.Is(at, "at"))
        {
            return false;
        }

        // "in Syria", "in neighbouring Syria", "in northeastern Syria": up to two lower-case words before the place.
        for (var k = at + 1; k <= at + 3 && k < sentence.Count; k++)
        {
            if (facts.PlaceAt(k) is { Place: not null })
            {
                return true;
            }

            if (!sentence[k].IsWord || sentence[k].StartsUpper)
            {
                return false;
            }
        }

        return false;
    }

    private static bool KindCueEndsAt(SentenceFacts facts, int index)
    {
        foreach (var cue in facts.KindCues)
        {
            if (cue.End == index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Of those troops, 99,000 are in Kuwait", "Of that number, 200 will stay": a sentence that opens by
    /// naming the troops (or their number) makes the bare figures of its first clause parts of them.
    /// </summary>
    private static bool OpensWithTroopPartitive(SentenceFacts facts, int boundStart)
    {
        var sentence = facts.Sentence;
        if (!sentence.Is(0, "of") || sentence.Count < 4 || !PartitiveDeterminers.Contains(sentence[1].Norm) && sentence[1].Norm is not ("that" or "this"))
        {
            return false;
        }

        var comma = sentence.Is(3, ",") ? 3 : sentence.Is(4, ",") ? 4 : -1;
        return comma > 0 && comma < boundStart && (facts.HasTroopNoun || sentence.Is(2, "number") || sentence.Is(2, "total"))
            && !facts.ClauseBreakBetween(comma + 1, boundStart);
    }

    /// <summary>
    /// "The number of troops based there is 7,000", "U.S. troop numbers rose to 2,000": a figure that a
    /// count of troops named before it in its clause is, or reaches.
    /// </summary>
    private static bool CountsNamedTotal(SentenceFacts facts, int boundStart)
    {
        var sentence = facts.Sentence;
        if (boundStart < 2 || !(sentence[boundStart - 1].Norm is "is" or "was" or "are" or "were" or "totals" or "totaled" or "totalled" or "reached" or "to" or "at"))
        {
            return false;
        }

        for (var k = boundStart - 2; k >= Math.Max(0, boundStart - 10); k--)
        {
            if (sentence[k].Norm is "number" or "numbers" or "total" or "level" or "levels" or "strength")
            {
                return !facts.ClauseBreakBetween(k, boundStart);
            }
        }

        return false;
    }

    /// <summary>"COVID-19", "F-16", "MQ-9": a number glued to a word by a hyphen is a name, not a figure.</summary>
    private static bool IsPartOfName(Sentence sentence, NumberMention number) =>
        number.Start >= 2 && sentence.Is(number.Start - 1, "-") && sentence[number.Start - 2].IsWord
        && sentence[number.Start - 2].End == sentence[number.Start - 1].Start && sentence[number.Start - 1].End == sentence[number.Start].Start;

    /// <summary>Days of months ("September 30, 2025", "30 September") are not figures.</summary>
    private static bool IsPartOfDate(Sentence sentence, NumberMention number, int boundStart) =>
        !number.InWords && (TimeFinder.IsMonth(sentence, boundStart - 1)
            || (sentence.Is(boundStart - 1, ".") && TimeFinder.IsMonth(sentence, boundStart - 2))
            || TimeFinder.IsMonth(sentence, number.End));

    private static bool IsNotTroops(SentenceFacts facts, int boundStart, int nounEnd, bool bare)
    {
        // A bare number borrows its noun from the clause, so the clause before it must be about US troops too.
        var besideEnd = bare ? Math.Min(nounEnd + 2, facts.Sentence.Count) : nounEnd;
        for (var k = Math.Max(0, boundStart - (bare ? 6 : 1)); k < besideEnd; k++)
        {
            if (facts.NotTroopsBeside(k))
            {
                return true;
            }
        }

        if (AnyNotTroopsAfter(facts, nounEnd) || IsCasualtyObject(facts, boundStart) || IsCasualtySubject(facts, nounEnd))
        {
            return true;
        }

        // "three service members, including a British soldier, were killed": look past an apposition.
        if (facts.Sentence.Is(nounEnd, ","))
        {
            for (var k = nounEnd + 1; k < Math.Min(nounEnd + 14, facts.Sentence.Count); k++)
            {
                if (facts.Sentence[k].Text == ",")
                {
                    return AnyNotTroopsAfter(facts, k + 1);
                }
            }
        }

        return false;
    }

    /// <summary>"killing a British soldier and two US service members": the figure is what the verb of harm took.</summary>
    private static bool IsCasualtyObject(SentenceFacts facts, int boundStart)
    {
        var sentence = facts.Sentence;
        for (var k = boundStart - 1; k >= Math.Max(0, boundStart - 7); k--)
        {
            if (sentence[k].Norm is "killing" or "killed" or "wounding" or "injuring" or "kill" or "wound")
            {
                return !facts.ClauseBreakBetween(k, boundStart);
            }
        }

        return false;
    }

    /// <summary>
    /// "three soldiers stationed at Tower 22, a small base in Jordan, were killed": the verb of the figure's
    /// clause, past a participle and an apposition, says they are casualties.
    /// </summary>
    private static bool IsCasualtySubject(SentenceFacts facts, int nounEnd)
    {
        var sentence = facts.Sentence;
        for (var k = nounEnd; k < Math.Min(nounEnd + 18, sentence.Count - 1); k++)
        {
            var word = sentence[k].Norm;
            if (Subordinators.Contains(word) || word is ";" or ":" or "." or "and" or "after" or "as" or "but")
            {
                return false;
            }

            if (word is "were" or "was" && sentence[k + 1].Norm is "killed" or "wounded" or "injured" or "hurt")
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyNotTroopsAfter(SentenceFacts facts, int from)
    {
        for (var k = from; k < Math.Min(from + 4, facts.Sentence.Count); k++)
        {
            if (facts.NotTroopsAfter(k))
            {
                return true;
            }
        }

        return false;
    }
}
