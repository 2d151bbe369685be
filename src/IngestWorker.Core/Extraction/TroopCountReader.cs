namespace IngestWorker.Extraction;

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
        "this", "next", "earlier", "later", "since", "after", "before", "during",
    };

    private static readonly HashSet<string> LocationStops = new(StringComparer.Ordinal) { ",", ";", ":", "\u2014", "\u2013", "(", ")", "." };

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

            var figure = ReadFigure(facts, rules, context, first);
            i = Math.Max(i + 1, figure?.NounEnd ?? first.End);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }

        foreach (var figure in figures)
        {
            Emit(facts, context, figure, figures, found);
        }
    }

    private static Figure? ReadFigure(SentenceFacts facts, ExtractionRules rules, ArticleContext context, NumberMention first)
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

        if ((sentence.Is(joiner, "to") || sentence.Is(joiner, "-") || sentence.Is(joiner, "and"))
            && NumberReader.TryRead(sentence, secondStart, out var other) && !other.LooksLikeYear && first.InWords == other.InWords)
        {
            var from = sentence.Is(boundStart - 1, "from");
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
        var (nounEnd, namedForce) = ReadNoun(sentence, rules, numbersEnd);
        if (nounEnd < 0)
        {
            if (first.InWords || first.LooksLikeYear || !(facts.HasTroopNoun || context.PreviousSentenceHadTroopNoun)
                || !CanFollowBareNumber(sentence, numbersEnd) || !BareNumberIsAnchored(facts, boundStart, boundValue, numbersEnd))
            {
                return null;
            }

            nounEnd = numbersEnd;
        }

        var bare = nounEnd == numbersEnd;
        if (IsNotTroops(facts, boundStart, nounEnd, bare))
        {
            return null;
        }

        return new Figure(first, second, pairing, boundValue, secondBound, boundStart, nounEnd, namedForce);
    }

    private static void Emit(SentenceFacts facts, ArticleContext context, Figure figure, List<Figure> figures, List<PendingTroopCount> found)
    {
        var (place, named) = Location(facts, context, figure);
        if (place?.Country is null)
        {
            return;
        }

        var force = figure.NamedForce ?? NearestForceBefore(facts, figure.BoundStart);
        var site = place.Kind == PlaceKind.Country || !named ? null : place.Name;
        var (kind, past) = KindOf(facts, figure);
        var times = TimesOf(facts, figure, figures);
        var quote = facts.Sentence.Quote();
        switch (figure.Pairing)
        {
            case Pairing.Range:
                var asOf = DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd);
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, ClaimWords.AtLeast, asOf, quote));
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.Second!.Value.Value, ClaimWords.AtMost, asOf, quote));
                break;
            case Pairing.FromTo:
                found.Add(new PendingTroopCount(force, place.Country, site, ClaimWords.Level, figure.First.Value, figure.Bound,
                    DateOf(times, facts, ClaimWords.Level, false, figure.BoundStart, figure.NounEnd, ignoreDeadlines: true), quote));
                found.Add(new PendingTroopCount(force, place.Country, site, ClaimWords.Target, figure.Second!.Value.Value, figure.SecondBound,
                    DateOf(times, facts, ClaimWords.Target, false, figure.BoundStart, figure.NounEnd), quote));
                break;
            default:
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, figure.Bound,
                    DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd), quote));
                break;
        }
    }

    /// <summary>The troop noun after the number, over modifiers like "U.S." or "combat"; -1 when there is none.</summary>
    private static (int NounEnd, string? Force) ReadNoun(Sentence sentence, ExtractionRules rules, int start)
    {
        string? force = null;
        var j = start;
        while (j < sentence.Count && j - start <= 5)
        {
            if (rules.TroopNouns.TryMatch(sentence, j, out var noun))
            {
                return (noun.End, force);
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
    /// 900"), a place right after it ("900 in Syria"), a cue right before it ("sent an extra 1,000"), or "to"
    /// ("brings the force to 5,262"). A bare "103 to 321" in a sentence that mentions troops is not one.
    /// </summary>
    private static bool BareNumberIsAnchored(SentenceFacts facts, int boundStart, string bound, int numbersEnd) =>
        bound != ClaimWords.Exact
        || (facts.Sentence.Is(numbersEnd, "in") || facts.Sentence.Is(numbersEnd, "at")) && facts.PlaceAt(numbersEnd + 1) is { Place: not null }
        || facts.KindCues.Any(cue => cue.End == boundStart)
        || facts.Sentence.Is(boundStart - 1, "to");

    /// <summary>Days of months ("September 30, 2025", "30 September") are not figures.</summary>
    private static bool IsPartOfDate(Sentence sentence, NumberMention number, int boundStart) =>
        !number.InWords && (TimeFinder.IsMonth(sentence, boundStart - 1)
            || (sentence.Is(boundStart - 1, ".") && TimeFinder.IsMonth(sentence, boundStart - 2))
            || TimeFinder.IsMonth(sentence, number.End));

    private static bool IsNotTroops(SentenceFacts facts, int boundStart, int nounEnd, bool bare)
    {
        // A bare number borrows its noun from the clause, so the clause before it must be about US troops too.
        var besideEnd = bare ? Math.Min(nounEnd + 2, facts.Sentence.Count) : nounEnd;
        for (var k = Math.Max(0, boundStart - (bare ? 6 : 2)); k < besideEnd; k++)
        {
            if (facts.NotTroopsBeside[k])
            {
                return true;
            }
        }

        for (var k = nounEnd; k < Math.Min(nounEnd + 4, facts.Sentence.Count); k++)
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
        return inSentence is not null ? (inSentence, true) : (context.RecentPlace, false);
    }

    private static Place? LocationInSentence(SentenceFacts facts, ArticleContext context, Figure figure)
    {
        var sentence = facts.Sentence;
        for (var j = figure.NounEnd; j < Math.Min(sentence.Count, figure.NounEnd + Reach); j++)
        {
            if (LocationStops.Contains(sentence[j].Text))
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

        return facts.LastPlaceBefore(figure.BoundStart);
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
    private static (string Kind, bool Past) KindOf(SentenceFacts facts, Figure figure)
    {
        PhraseMatch<KindCue>? best = null;
        var bestDistance = int.MaxValue;
        foreach (var cue in facts.KindCues)
        {
            // A cue in another clause speaks of another verb: "2,000 troops are now in Syria, after the Pentagon sent ...".
            if (facts.ClauseBreakBetween(cue.End, figure.BoundStart) || facts.ClauseBreakBetween(figure.NounEnd, cue.Start))
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

            if (distance < bestDistance && distance <= Reach)
            {
                (best, bestDistance) = (cue, distance);
            }
        }

        if (bestDistance > 0 && facts.Sentence.Is(figure.BoundStart - 1, "to"))
        {
            return (ClaimWords.Target, false);
        }

        return best is { } chosen ? (chosen.Value.Kind, chosen.Value.Past) : (ClaimWords.Level, false);
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
        facts.Times.Where(time => !figures.Any(other => other != figure
            && time.Start >= other.NounEnd && other.BoundStart >= figure.NounEnd)).ToList();

    private static string? DateOf(List<TimeMention> times, SentenceFacts facts, string kind, bool past, int start, int end, bool ignoreDeadlines = false)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var time in times)
        {
            if ((kind == ClaimWords.Target && time.Kind != TimeKind.Explicit)
                || (kind != ClaimWords.Level && time.Kind == TimeKind.Vague)
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
            return t.Kind == TimeKind.Vague ? null : t.Value;
        }

        return kind == ClaimWords.Level && !past ? facts.PublishedIso : null;
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
    }

    private sealed record Figure(
        NumberMention First, NumberMention? Second, Pairing Pairing, string Bound, string SecondBound, int BoundStart, int NounEnd, string? NamedForce);
}
