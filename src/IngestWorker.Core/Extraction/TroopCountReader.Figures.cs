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

        return facts.PlaceAt(verb - 1) is { Place: { Kind: PlaceKind.Country } owner } && !facts.Forces.Any(f => f.End <= boundStart)
            && owner.Name is not ("United States" or "US" or "USA");
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
    private static (string Bound, int End)? TrailingBound(Sentence sentence, int end)
    {
        if (!sentence.Is(end, "or"))
        {
            return null;
        }

        return sentence.Is(end + 1, "so") ? (ClaimWords.Approximately, end + 2)
            : sentence.Is(end + 1, "more") ? (ClaimWords.AtLeast, end + 2)
            : sentence.Is(end + 1, "fewer") || sentence.Is(end + 1, "less") ? (ClaimWords.AtMost, end + 2)
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
                return facts.NotTroopsBeside[k + 1] || facts.NotTroopsBeside[Math.Min(k + 2, sentence.Count)];
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
    private static bool BareNumberIsAnchored(SentenceFacts facts, int boundStart, string bound, int numbersEnd, List<Figure> earlier)
    {
        var sentence = facts.Sentence;
        if (bound != ClaimWords.Exact || facts.KindCues.Any(cue => cue.End == boundStart) || sentence.Is(boundStart - 1, "to")
            || sentence.Is(boundStart - 1, "another") || (sentence.Is(boundStart - 1, "further") && sentence.Is(boundStart - 2, "a")))
        {
            return true;
        }

        if (sentence.Is(boundStart - 1, "and") && earlier.Count > 0 && !facts.ClauseBreakBetween(earlier[^1].NounEnd, boundStart))
        {
            return true;
        }

        if (!sentence.Is(numbersEnd, "in") && !sentence.Is(numbersEnd, "at"))
        {
            return false;
        }

        // "in Syria", "in neighbouring Syria", "in northeastern Syria": up to two lower-case words before the place.
        for (var k = numbersEnd + 1; k <= numbersEnd + 3 && k < sentence.Count; k++)
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
            if (facts.NotTroopsBeside[k])
            {
                return true;
            }
        }

        if (AnyNotTroopsAfter(facts, nounEnd))
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

    private static bool AnyNotTroopsAfter(SentenceFacts facts, int from)
    {
        for (var k = from; k < Math.Min(from + 4, facts.Sentence.Count); k++)
        {
            if (facts.NotTroopsAfter[k])
            {
                return true;
            }
        }

        return false;
    }
}
