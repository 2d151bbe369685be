namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads the troop figures of one sentence. A number counts when a troop noun follows it ("2,500 U.S.
/// troops"), or when it stands bare in a sentence about troops ("more than 900 in Syria", "fewer than
/// 2,000 were expected to remain"). Its bound, kind, place and date come from the words around it;
/// the nearest cue wins, so two figures in one sentence can differ.
/// </summary>
internal static class TroopCountReader
{
    /// <summary>Words that may follow a bare number of troops; anything else ("20 percent", "two phases") is not one.</summary>
    private static readonly HashSet<string> BareFollowers = new(StringComparer.Ordinal)
    {
        "in", "inside", "into", "at", "from", "to", "were", "was", "are", "is", "will", "would", "remain", "remained",
        "remaining", "stationed", "deployed", "based", "there", "currently", "still", "now", "who", "across",
        "within", ",", ".", ";", ")", "\u2014", "\u2013", "and", "by", "on", "had", "have", "has", "over", "last",
        "this", "next", "earlier", "later", "since", "after", "before", "during", "once", "when", "if", "until", "as",
    };

    /// <summary>
    /// Words that open a subordinate or relative clause: a place or date after one speaks of that clause
    /// ("1,000 from the area where Turkey attacked", "30,000 remain in the country, which was invaded in 2003").
    /// </summary>
    private static readonly HashSet<string> Subordinators = new(StringComparer.Ordinal)
    {
        "where", "which", "who", "whom", "whose", "when", "while", "because", "although", "though", "whereas",
    };

    /// <summary>Verbs of saying: a cue before one speaks of the speaker, not of the figure in what was said.</summary>
    private static readonly HashSet<string> ReportingVerbs = new(StringComparer.Ordinal)
    {
        "said", "says", "say", "told", "tells", "announced", "announces", "reported", "reports", "stated", "states",
        "noted", "added", "confirmed", "confirms", "disclosed", "revealed", "acknowledged", "estimated", "estimates",
    };

    private static bool IsFutureBefore(Sentence sentence, int index)
    {
        for (var k = 0; k < index && k < sentence.Count; k++)
        {
            if (sentence[k].Norm is "will" or "would" or "'ll")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Verbs of a decision: a move only ordered or announced is not dated by the day of the order (claims contract).</summary>
    private static readonly HashSet<string> OrderVerbs = new(StringComparer.Ordinal)
    {
        "ordered", "orders", "directed", "authorized", "authorised", "approved", "signed", "announced", "decided", "unveiled",
    };

    /// <summary>Words that put a sentence in the future or in a plan: "leaving N" after them is what a plan leaves.</summary>
    private static readonly HashSet<string> FutureMarkers = new(StringComparer.Ordinal)
    {
        "will", "would", "'ll", "shall", "could", "might", "plan", "plans", "planned", "planning", "expected", "intends", "proposal", "proposed",
        "decided", "decides", "agreed", "ordered", "orders", "aims",
    };

    /// <summary>Determiners of a partitive: "99,000 of the troops", "2,000 of its soldiers".</summary>
    private static readonly HashSet<string> PartitiveDeterminers = new(StringComparer.Ordinal)
    {
        "the", "those", "these", "its", "their", "our", "his", "her", "all",
    };

    /// <summary>Nouns that name a body of troops before its size: "a transitional force of 35,000", "a contingent of 150".</summary>
    private static readonly HashSet<string> BodyNouns = new(StringComparer.Ordinal)
    {
        "contingent", "garrison", "presence", "deployment", "detachment",
    };

    /// <summary>Areas that are not one country: a figure there is not a troop count (contract clarification).</summary>
    private static readonly HashSet<string> WideAreas = new(StringComparer.Ordinal) { "region", "gulf", "theater", "theatre" };

    private static readonly HashSet<string> LocationStops = new(StringComparer.Ordinal)
    {
        ",", ";", ":", "\u2014", "\u2013", "(", ")", ".", "where", "which", "who", "whose", "when", "while", "because",
    };

    /// <summary>How far from a figure a cue word or a place may stand and still speak of it.</summary>
    private const int Reach = 12;

    public static void Read(SentenceFacts facts, ExtractionRules rules, ArticleContext context, List<PendingTroopCount> found)
    {
        var sentence = facts.Sentence;
        CountForceMentions(facts, rules, context);
        var figures = new List<Figure>();
        var i = 0;
        while (i < sentence.Count)
        {
            if (facts.PlaceAt(i) is not null || !NumberReader.TryRead(sentence, i, out var first))
            {
                i++;
                continue;
            }

            var figure = ReadFigure(facts, rules, context, first, figures);
            i = Math.Max(i + 1, figure is null ? first.End : WholeAfterPartitive(sentence, figure) ?? figure.NounEnd);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }

        string? previousKind = null;
        foreach (var figure in figures)
        {
            previousKind = Emit(facts, rules, context, figure, figures, previousKind, found);
        }
    }

    private static Figure? ReadFigure(SentenceFacts facts, ExtractionRules rules, ArticleContext context, NumberMention first, List<Figure> earlier)
    {
        var sentence = facts.Sentence;
        var boundStart = rules.Bounds.TryMatchEndingAt(sentence, first.Start, 4, out var bound) ? bound.Start : first.Start;
        var boundValue = boundStart < first.Start ? bound.Value : ClaimWords.Exact;
        if (IsPartOfDate(sentence, first, boundStart))
        {
            return null;
        }

        // "between 2,000 and 2,500", "250 to 350", "from 2,500 to 2,000"
        NumberMention? second = null;
        var pairing = Pairing.None;
        var joiner = first.End;
        var secondBound = ClaimWords.Exact;
        var secondStart = joiner + 1;
        if (rules.Bounds.TryMatch(sentence, secondStart, out var boundOfSecond))
        {
            (secondBound, secondStart) = (boundOfSecond.Value, boundOfSecond.End);
        }

        var from = FromBefore(sentence, boundStart) >= 0;
        if ((sentence.Is(joiner, "to") || sentence.Is(joiner, "-") || sentence.Is(joiner, "and"))
            && NumberReader.TryRead(sentence, secondStart, out var other) && !other.LooksLikeYear && first.InWords == other.InWords)
        {
            var between = sentence.Is(boundStart - 1, "between");
            if (from && !sentence.Is(joiner, "and") && other.Value != first.Value)
            {
                (second, pairing) = (other, Pairing.FromTo);
            }
            else if (first.Value < other.Value && secondStart == joiner + 1 && (between || !sentence.Is(joiner, "and")))
            {
                (second, pairing) = (other, Pairing.Range);
            }
        }

        var numbersEnd = second?.End ?? first.End;

        // "150 or so", "2,000 or more": a bound written after the number.
        if (second is null && TrailingBound(sentence, numbersEnd) is { } trailing)
        {
            (boundValue, numbersEnd) = (trailing.Bound, trailing.End);
        }

        // "from 142,000 to what was called a force of 35,000": the pair's second half stands further on.
        var toIndex = -1;
        var timeStart = sentence.Is(numbersEnd, "in") ? numbersEnd + 1 : numbersEnd;
        var afterTime = facts.Times.FirstOrDefault(t => t.Start == timeStart) is { End: > 0 } dated ? dated.End : numbersEnd;
        if (second is null && from && sentence.Is(afterTime, "to"))
        {
            // "from 2,500 in 2020 to 2,000 in 2023": each half may carry its own date.
            (pairing, toIndex) = (Pairing.FromOpen, afterTime);
        }

        var pairTarget = earlier.LastOrDefault(f => f.ToIndex >= 0) is { } open
            && open.ToIndex < boundStart && boundStart - open.ToIndex <= 10 && !facts.ClauseBreakBetween(open.ToIndex, boundStart)
            && !earlier.Any(f => f.PairTarget && f.BoundStart > open.ToIndex);
        var pairFrom = pairTarget ? earlier.Last(f => f.ToIndex >= 0).ToIndex : -1;
        var follows = sentence.Is(boundStart - 1, "another") || (sentence.Is(boundStart - 1, "further") && sentence.Is(boundStart - 2, "a"))
            || (sentence.Is(boundStart - 1, "and") && earlier.Count > 0);
        var (nounEnd, namedForce) = ReadNoun(sentence, rules, numbersEnd);
        if (nounEnd < 0)
        {
            var named = NounBefore(sentence, rules, boundStart);
            if (first.InWords || first.LooksLikeYear || !(named || facts.HasTroopNoun || context.PreviousSentenceHadTroopNoun)
                || !CanFollowBareNumber(sentence, numbersEnd)
                || !(named || pairTarget || pairing is Pairing.FromOpen or Pairing.FromTo || BareNumberIsAnchored(facts, boundStart, boundValue, numbersEnd, earlier)))
            {
                return null;
            }

            nounEnd = numbersEnd;
        }

        var bare = nounEnd == numbersEnd;
        if ((namedForce is null && IsHostsOwn(facts, boundStart)) || IsNotTroops(facts, boundStart, nounEnd, bare) || (bare && BorrowsOtherNoun(facts, boundStart)))
        {
            return null;
        }

        return new Figure(first, second, pairing, boundValue, secondBound, boundStart, nounEnd, namedForce)
        {
            ToIndex = toIndex,
            PairTarget = pairTarget,
            PairTo = pairFrom,
            Follows = follows,
            ScopeEnd = ScopeEnd(facts, nounEnd),
        };
    }

    /// <summary>Adds the figure's claims; returns its kind, which a figure going on from it ("another 4,000") takes.</summary>
    private static string? Emit(
        SentenceFacts facts, ExtractionRules rules, ArticleContext context, Figure figure, List<Figure> figures, string? previousKind, List<PendingTroopCount> found)
    {
        var force = figure.NamedForce ?? NearestForceBefore(facts, figure.BoundStart);
        var quote = facts.Sentence.Quote(figure.BoundStart);
        var times = TimesOf(facts, figure, figures);
        if (MoveBetweenCountries(facts, figure) is { } move)
        {
            // "shift 1,000 troops from Syria into Iraq": one figure, two claims (contract clarification).
            found.Add(new PendingTroopCount(force, move.From.Country!, null, ClaimWords.Reduction, figure.First.Value, figure.Bound,
                DateOf(times, facts, ClaimWords.Reduction, false, figure.BoundStart, figure.NounEnd), quote));
            found.Add(new PendingTroopCount(force, move.To.Country!, null, ClaimWords.Increase, figure.First.Value, figure.Bound,
                DateOf(times, facts, ClaimWords.Increase, false, figure.BoundStart, figure.NounEnd), quote));
            return ClaimWords.Reduction;
        }

        var (place, named) = Location(facts, context, figure);
        if (place?.Country is null)
        {
            return null;
        }

        var site = place.Kind == PlaceKind.Country || !named ? null : place.Name;
        var (kind, past) = KindOf(facts, rules, figure, previousKind);
        if (figure.PairTo >= 0)
        {
            times = times.Where(t => t.Start > figure.PairTo).ToList();
        }

        switch (figure.Pairing)
        {
            case Pairing.Range:
                var asOf = DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd);
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, ClaimWords.AtLeast, asOf, quote));
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.Second!.Value.Value, ClaimWords.AtMost, asOf, quote));
                break;
            case Pairing.FromTo:
                var beforeSecond = times.Where(t => t.Start < figure.Second!.Value.Start).ToList();
                found.Add(new PendingTroopCount(force, place.Country, site, ClaimWords.Level, figure.First.Value, figure.Bound,
                    DateOf(beforeSecond, facts, ClaimWords.Level, false, figure.BoundStart, figure.NounEnd, ignoreDeadlines: true), quote));
                found.Add(new PendingTroopCount(force, place.Country, site, ClaimWords.Target, figure.Second!.Value.Value, figure.SecondBound,
                    DateOf(times, facts, ClaimWords.Target, false, figure.BoundStart, figure.NounEnd), quote));
                break;
            case Pairing.FromOpen:
                var beforeTo = times.Where(t => t.Start < figure.ToIndex).ToList();
                found.Add(new PendingTroopCount(force, place.Country, site, ClaimWords.Level, figure.First.Value, figure.Bound,
                    DateOf(beforeTo, facts, ClaimWords.Level, false, figure.BoundStart, figure.NounEnd, ignoreDeadlines: true), quote));
                break;
            default:
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, figure.Bound,
                    DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd), quote));
                break;
        }

        return kind;
    }

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

    /// <summary>
    /// "shift about 1,000 troops leaving Syria into western Iraq", "move 500 troops from Syria to Iraq":
    /// a figure moved out of one country into another, said with a verb of moving.
    /// </summary>
    private static (Place From, Place To)? MoveBetweenCountries(SentenceFacts facts, Figure figure)
    {
        var sentence = facts.Sentence;
        var moving = false;
        for (var k = Math.Max(0, figure.BoundStart - 4); k < figure.BoundStart; k++)
        {
            moving |= sentence[k].Norm is "shift" or "shifting" or "shifted" or "move" or "moving" or "moved" or "relocate" or "relocating"
                or "relocated" or "redeploy" or "redeploying" or "redeployed" or "transfer" or "transferring" or "transferred" or "reposition"
                or "repositioning" or "repositioned";
        }

        if (!moving)
        {
            return null;
        }

        Place? origin = null;
        for (var j = figure.NounEnd; j < Math.Min(sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (facts.PlaceAt(j) is not { Place: { Country: not null } place } mention)
            {
                if (LocationStops.Contains(sentence[j].Text))
                {
                    break;
                }

                continue;
            }

            var before = sentence[Math.Max(0, mention.Start - 1)].Norm;
            var beforeTwo = sentence[Math.Max(0, mention.Start - 2)].Norm;
            var outOf = before is "from" or "leaving" || (before == "of" && beforeTwo == "out") || beforeTwo is "from" or "leaving";
            var into = before is "to" or "into" || beforeTwo is "to" or "into";
            if (origin is null && outOf)
            {
                origin = place;
            }
            else if (origin is not null && into && place.Country != origin.Country)
            {
                return (origin, place);
            }

            j = mention.End - 1;
        }

        return null;
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

    /// <summary>
    /// Where the troops are: the first place after the figure in its clause ("in Iraq", "there"), else the
    /// last place named before it in the sentence, else the last place named earlier in the article.
    /// </summary>
    private static (Place? Place, bool Named) Location(SentenceFacts facts, ArticleContext context, Figure figure)
    {
        var inSentence = LocationInSentence(facts, context, figure);
        if (inSentence is not null)
        {
            return (inSentence, true);
        }

        // "arriving in the region ... could top 250,000": a sentence about a wide area names no country.
        if (SpeaksOfWideArea(facts.Sentence, figure.ScopeEnd))
        {
            return (null, false);
        }

        // Only a place named lately: a sentence that digresses ("advisers grew to 500,000 troops in the
        // Vietnam years") must not land on a country named paragraphs before.
        return (context.RecentPlace, false);
    }

    /// <summary>"the region", "the Gulf" before the figure or in its own clause.</summary>
    private static bool SpeaksOfWideArea(Sentence sentence, int end)
    {
        for (var k = 1; k < end; k++)
        {
            if (sentence.Is(k - 1, "the") && (WideAreas.Contains(sentence[k].Norm) || (sentence.Is(k, "middle") && sentence.Is(k + 1, "east"))))
            {
                return true;
            }

            // "7,500 troops from 70 countries": a force drawn from many nations is counted nowhere in particular.
            if (k >= 2 && sentence.Is(k - 2, "from") && sentence[k - 1].IsNumber && sentence[k].Norm is "countries" or "nations")
            {
                return true;
            }
        }

        return false;
    }

    private static Place? LocationInSentence(SentenceFacts facts, ArticleContext context, Figure figure)
    {
        var sentence = facts.Sentence;
        for (var j = figure.NounEnd; j < Math.Min(sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (LocationStops.Contains(sentence[j].Norm))
            {
                break;
            }

            if (facts.PlaceAt(j) is { Place: { } place } mention)
            {
                return FinerPlaceAfterPossessive(facts, mention) ?? place;
            }

            if (sentence[j].Norm == "there")
            {
                return facts.LastPlaceBefore(j) ?? context.LastPlace;
            }

            if (sentence[j].Norm == "the" && sentence.Is(j + 1, "country"))
            {
                return facts.LastPlaceBefore(j, countryOnly: true) ?? context.LastCountry;
            }
        }

        return facts.LastPlaceBefore(figure.BoundStart) ?? CountryOfParticipleClause(facts, figure.ScopeEnd);
    }

    /// <summary>
    /// "withdraw 500 troops, leaving fewer than 1,500 in Syria": with no place before it, a figure speaks of
    /// the country named in the participle clause that carries its move on; no other later clause.
    /// </summary>
    private static Place? CountryOfParticipleClause(SentenceFacts facts, int scopeEnd)
    {
        var sentence = facts.Sentence;
        var start = scopeEnd + 1;
        if (!sentence.Is(scopeEnd, ",") || start >= sentence.Count || !sentence[start].Norm.EndsWith("ing", StringComparison.Ordinal))
        {
            return null;
        }

        for (var j = start; j < Math.Min(sentence.Count, start + Reach); j++)
        {
            if (LocationStops.Contains(sentence[j].Norm))
            {
                return null;
            }

            if (facts.PlaceAt(j) is { Place: { Kind: PlaceKind.Country } country })
            {
                return country;
            }
        }

        return null;
    }

    /// <summary>"Iraq's Kurdistan region": the country is named only to place the region.</summary>
    private static Place? FinerPlaceAfterPossessive(SentenceFacts facts, PlaceMention mention) =>
        mention.Place is { Kind: PlaceKind.Country } country && facts.Sentence.Is(mention.End, "'s")
        && facts.PlaceAt(mention.End + 1) is { Place: { } finer } && finer.Country == country.Name
            ? finer
            : null;

    private static string? NearestForceBefore(SentenceFacts facts, int index)
    {
        for (var f = facts.Forces.Count - 1; f >= 0; f--)
        {
            if (facts.Forces[f].End <= index)
            {
                return facts.Forces[f].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The kind the nearest cue gives. A cue right before the figure wins outright; "to" right before it
    /// ("reduce ... to 2,000") makes a target; with no cue near, a figure is a level.
    /// </summary>
    private static (string Kind, bool Past) KindOf(SentenceFacts facts, ExtractionRules rules, Figure figure, string? previousKind)
    {
        if (figure.PairTarget)
        {
            return (ClaimWords.Target, false);
        }

        var sentence = facts.Sentence;
        PhraseMatch<KindCue>? best = null;
        var bestDistance = int.MaxValue;
        var bestWeak = true;
        foreach (var cue in facts.KindCues)
        {
            // A cue in another clause speaks of another verb: "2,000 troops are now in Syria, after the Pentagon sent ...".
            if (facts.ClauseBreakBetween(cue.End, figure.BoundStart) || facts.ClauseBreakBetween(figure.NounEnd, cue.Start)
                || (cue.End <= figure.BoundStart && ReportingVerbBetween(sentence, cue.End, figure.BoundStart)))
            {
                continue;
            }

            int distance;
            if (cue.End <= figure.BoundStart)
            {
                distance = figure.BoundStart - cue.End;
            }
            else if (cue.Start >= figure.NounEnd)
            {
                distance = cue.Start - figure.NounEnd + 1;
            }
            else
            {
                // "up to 1,500 additional troops": a cue inside the figure itself says the most.
                distance = 0;
            }

            // "withdraw an additional 1,000": an adjective ("additional", "extra") says more of the same verb;
            // it gives the kind only when no verb does.
            var weak = rules.TroopModifiers.TryMatch(sentence, cue.End - 1, out _);
            if (distance <= Reach && (best is null || (bestWeak && !weak) || (weak == bestWeak && distance < bestDistance)))
            {
                (best, bestDistance, bestWeak) = (cue, distance, weak);
            }
        }

        if (bestDistance > 0 && ToBefore(sentence, figure.BoundStart) is { } to)
        {
            // "was raised to 2,000" tells a level reached; "will be cut to 2,000", "shrink ... to one base and
            // fewer than 1,000" a target.
            var participle = to - 1;
            if (participle >= 1 && sentence[participle].Norm.EndsWith("ed", StringComparison.Ordinal)
                && sentence[participle - 1].Norm is "was" or "were" or "been")
            {
                return (ClaimWords.Level, sentence[participle - 1].Norm != "been" || sentence.Is(participle - 2, "had"));
            }

            return (ClaimWords.Target, false);
        }

        // "ordered the bulk of the roughly 1,000 troops in Syria to withdraw": the move is of a part; the figure
        // is the whole that was there.
        if (IsWholeOfAPart(sentence, figure.BoundStart))
        {
            return (ClaimWords.Level, PastBefore(sentence, figure.BoundStart));
        }

        if (best is not { } chosen)
        {
            // "750 were sent to Kuwait, and another 4,000 are expected to follow": more of the same kind.
            return (figure.Follows && previousKind is not null ? previousKind : ClaimWords.Level, false);
        }

        // "has pulled out of Iraq, leaving 56,000": what a finished move leaves is a level; only a plan's is a target.
        if (chosen.Value.Kind == ClaimWords.Target && sentence[chosen.Start].Norm == "leaving" && !FutureBefore(sentence, chosen.Start))
        {
            return (ClaimWords.Level, false);
        }

        // "would leave 2,000 behind" is what a plan keeps; "2,000 troops would leave" is who goes.
        if (chosen.Value.Kind == ClaimWords.Target && chosen.Start >= figure.NounEnd && sentence[chosen.End - 1].Norm is "leave" or "leaving" or "leaves")
        {
            return (ClaimWords.Reduction, false);
        }

        return (chosen.Value.Kind, chosen.Value.Past);
    }

    /// <summary>"to 2,000", or "to one base and 1,000", a list after "to": the index of "to", or null.</summary>
    private static int? ToBefore(Sentence sentence, int boundStart)
    {
        if (sentence.Is(boundStart - 1, "to"))
        {
            return boundStart - 1;
        }

        if (!sentence.Is(boundStart - 1, "and"))
        {
            return null;
        }

        for (var k = boundStart - 2; k >= Math.Max(0, boundStart - 5); k--)
        {
            if (sentence.Is(k, "to"))
            {
                return NumberReader.TryRead(sentence, k + 1, out _) ? k : null;
            }
        }

        return null;
    }

    private static bool IsWholeOfAPart(Sentence sentence, int boundStart) =>
        boundStart >= 3 && PartitiveDeterminers.Contains(sentence[boundStart - 1].Norm) && sentence.Is(boundStart - 2, "of")
        && (sentence[boundStart - 3].IsNumber || sentence[boundStart - 3].Norm is "bulk" or "most" or "half" or "some" or "part" or "many"
            or "majority" or "rest" or "portion" or "all");

    /// <summary>A verb in the past before the figure ("ordered", "withdrew"), not a perfect or a passive.</summary>
    private static bool PastBefore(Sentence sentence, int index)
    {
        for (var k = 1; k < index; k++)
        {
            var word = sentence[k].Norm;
            if (sentence[k].IsWord && !sentence[k].StartsUpper && word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)
                && sentence[k - 1].Norm is not ("has" or "have" or "had" or "be" or "been" or "is" or "are" or "was" or "were" or "will"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReportingVerbBetween(Sentence sentence, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (ReportingVerbs.Contains(sentence[k].Norm))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FutureBefore(Sentence sentence, int index)
    {
        for (var k = 0; k < index; k++)
        {
            // "decided to withdraw", "US to consolidate": an infinitive of a verb speaks of a plan.
            if (FutureMarkers.Contains(sentence[k].Norm)
                || (sentence[k].Norm == "to" && k + 1 < index && sentence[k + 1].IsWord && !sentence[k + 1].StartsUpper
                    && sentence[k + 1].Norm is not ("the" or "a" or "an" or "its" or "their" or "his" or "her")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When the figure holds, by the contract's rules: the nearest time in the sentence; "now" and plain
    /// present tense give the publication date; a target, reduction or increase without a time of its own
    /// gets none; a vague anchor gives none.
    /// </summary>
    /// <summary>
    /// The times that may date a figure: not one that lies beyond another figure of the same sentence
    /// ("fewer than 8,000 remain, down from about 170,000 in 2007": 2007 dates the 170,000 only). A time
    /// opening the sentence still dates every figure after it ("At the start of 2025, ... 2,500 ... and 900").
    /// </summary>
    private static List<TimeMention> TimesOf(SentenceFacts facts, Figure figure, List<Figure> figures) =>
        facts.Times.Where(time => (time.Start < figure.ScopeEnd || IsAttribution(facts.Sentence, figure.ScopeEnd, time.Start))
            && !figures.Any(other => other != figure && time.Start >= other.NounEnd && other.BoundStart >= figure.NounEnd)).ToList();

    private static string? DateOf(List<TimeMention> times, SentenceFacts facts, string kind, bool past, int start, int end, bool ignoreDeadlines = false)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var time in times)
        {
            // "a drop of 22,000 since 2003" spans years and dates no move; "confirmed Wednesday" dates the report, not a plan.
            if ((kind == ClaimWords.Target && time.Kind != TimeKind.Explicit)
                || (kind != ClaimWords.Level && (time.Kind == TimeKind.Vague || time.Since is not null || DatesAReport(facts.Sentence, time, start)))
                || (ignoreDeadlines && time.IsDeadline))
            {
                continue;
            }

            var distance = time.End <= start ? start - time.End : time.Start >= end ? time.Start - end : 0;
            if (distance < nearestDistance)
            {
                (nearest, nearestDistance) = (time, distance);
            }
        }

        if (nearest is { } t)
        {
            // "at the peak of the war in 2007": a vague anchor that a year pins down is that year.
            if (t.Kind == TimeKind.Vague && facts.Sentence.Is(t.Start, "at")
                && times.FirstOrDefault(x => x.Kind == TimeKind.Explicit && x.Start >= t.End && x.Start - t.End <= 5
                    && !facts.ClauseBreakBetween(t.End, x.Start)) is { Value: not null } pinned)
            {
                return pinned.Value;
            }

            return t.Kind == TimeKind.Vague ? null : t.Value;
        }

        return kind == ClaimWords.Level && !past ? facts.PublishedIso : null;
    }

    /// <summary>
    /// "..., the Army said on Monday", "..., according to a report last year": a clause that only says who
    /// told the figure, so its date is the figure's.
    /// </summary>
    private static bool IsAttribution(Sentence sentence, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (Subordinators.Contains(sentence[k].Norm))
            {
                return false;
            }

            if (ReportingVerbs.Contains(sentence[k].Norm) || (sentence.Is(k, "according") && sentence.Is(k + 1, "to")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "confirmed Wednesday that the U.S. will cut ...": a time right after a verb of saying, before the
    /// figure, dates the report and not the plan it tells of.
    /// </summary>
    private static bool DatesAReport(Sentence sentence, TimeMention time, int figureStart)
    {
        // "confirmed Wednesday that the U.S. will cut", "will send 1,200 soldiers, a spokesman said on Monday": the telling of a plan.
        var before = sentence.Is(time.Start - 1, "on") ? time.Start - 2 : time.Start - 1;
        if (before >= 0 && (OrderVerbs.Contains(sentence[before].Norm)
            || (ReportingVerbs.Contains(sentence[before].Norm) && (time.End <= figureStart || IsFutureBefore(sentence, figureStart)))))
        {
            return true;
        }

        // "On Wednesday, President Obama ordered up to 450 more", "Obama on Friday signed off on": the day dates the order, not the move.
        for (var k = time.End; k < sentence.Count && k <= time.End + 4 && k < figureStart; k++)
        {
            if (OrderVerbs.Contains(sentence[k].Norm))
            {
                return true;
            }
        }

        return false;
    }

    private static void CountForceMentions(SentenceFacts facts, ExtractionRules rules, ArticleContext context)
    {
        foreach (var force in facts.Forces)
        {
            if (rules.TroopNouns.TryMatch(facts.Sentence, force.End, out _))
            {
                if (force.Value == "Coalition")
                {
                    context.CoalitionTroopMentions++;
                }
                else
                {
                    context.UsTroopMentions++;
                }
            }
        }
    }

    private enum Pairing
    {
        None,
        Range,
        FromTo,
        FromOpen,
    }

    private sealed record Figure(
        NumberMention First, NumberMention? Second, Pairing Pairing, string Bound, string SecondBound, int BoundStart, int NounEnd, string? NamedForce)
    {
        /// <summary>For "from X to ..." whose second figure stands further on: the index of "to", else -1.</summary>
        public int ToIndex { get; init; } = -1;

        /// <summary>The second figure of such a pair: where the change leads, a target.</summary>
        public bool PairTarget { get; init; }

        /// <summary>For the second figure of such a pair, the index of its "to": dates before it are the first's.</summary>
        public int PairTo { get; init; } = -1;

        /// <summary>"another 4,000", "a further 900", "and 900": a figure that goes on from the one before it.</summary>
        public bool Follows { get; init; }

        /// <summary>Where the figure's clause ends; dates after it speak of another verb.</summary>
        public int ScopeEnd { get; init; }
    }
}
