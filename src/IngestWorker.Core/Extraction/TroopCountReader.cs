namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads the troop figures of one sentence. A number counts when a troop noun follows it ("2,500 U.S.
/// troops"), or when it stands bare in a sentence about troops ("more than 900 in Syria", "fewer than
/// 2,000 were expected to remain"). Its bound, kind, place and date come from the words around it;
/// the nearest cue wins, so two figures in one sentence can differ.
/// </summary>
internal static partial class TroopCountReader
{
    public static void Read(SentenceFacts facts, ExtractionRules rules, ArticleContext context, List<PendingTroopCount> found)
    {
        var sentence = facts.Sentence;
        CountForceMentions(facts, rules, context);
        List<Figure>? figures = null;
        var i = 0;
        while (i < sentence.Count)
        {
            if (facts.PlaceAt(i) is not null || !NumberReader.TryRead(sentence, i, out var first))
            {
                i++;
                continue;
            }

            figures ??= [];
            var figure = ReadFigure(facts, rules, context, first, figures);
            i = Math.Max(i + 1, figure is null ? first.End : WholeAfterPartitive(sentence, figure) ?? figure.NounEnd);
            if (figure is not null)
            {
                figures.Add(figure);
            }
        }

        if (figures is null)
        {
            return;
        }

        TroopKind? previousKind = null;
        foreach (var figure in figures)
        {
            previousKind = Emit(facts, rules, context, figure, figures, previousKind, found);
        }
    }

    private static Figure? ReadFigure(SentenceFacts facts, ExtractionRules rules, ArticleContext context, NumberMention first, List<Figure> earlier)
    {
        var sentence = facts.Sentence;
        var boundStart = rules.Bounds.TryMatchEndingAt(sentence, first.Start, 4, out var bound) ? bound.Start : first.Start;
        var boundValue = boundStart < first.Start ? bound.Value : Bound.Exact;
        if (IsPartOfDate(sentence, first, boundStart) || IsPartOfName(sentence, first))
        {
            return null;
        }

        // "between 2,000 and 2,500", "250 to 350", "from 2,500 to 2,000"
        NumberMention? second = null;
        var pairing = Pairing.None;
        var joiner = first.End;
        var secondBound = Bound.Exact;
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
        var afterTime = numbersEnd;
        foreach (var time in facts.Times)
        {
            if (time.Start == timeStart && time.End > 0)
            {
                afterTime = time.End;
                break;
            }
        }

        if (second is null && from && sentence.Is(afterTime, "to"))
        {
            // "from 2,500 in 2020 to 2,000 in 2023": each half may carry its own date.
            (pairing, toIndex) = (Pairing.FromOpen, afterTime);
        }

        var pairTarget = LastOpenPair(earlier) is { } open
            && open.ToIndex < boundStart && boundStart - open.ToIndex <= 10 && !facts.ClauseBreakBetween(open.ToIndex, boundStart)
            && !AnyPairTargetAfter(earlier, open.ToIndex);
        var pairFrom = pairTarget ? LastOpenPair(earlier)!.ToIndex : -1;
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

        // "France has around 2,000 and Japan 200": a bare figure right after a name is that name's own.
        if (bare && sentence[Math.Max(0, boundStart - 1)].StartsUpper && sentence.Is(boundStart - 2, "and"))
        {
            return null;
        }

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

    /// <summary>The last figure of "from X to ..." whose second half stands further on.</summary>
    private static Figure? LastOpenPair(List<Figure> earlier)
    {
        for (var f = earlier.Count - 1; f >= 0; f--)
        {
            if (earlier[f].ToIndex >= 0)
            {
                return earlier[f];
            }
        }

        return null;
    }

    private static bool AnyPairTargetAfter(List<Figure> earlier, int index)
    {
        foreach (var figure in earlier)
        {
            if (figure.PairTarget && figure.BoundStart > index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the figure's claims; returns its kind, which a figure going on from it ("another 4,000") takes.</summary>
    private static TroopKind? Emit(
        SentenceFacts facts, ExtractionRules rules, ArticleContext context, Figure figure, List<Figure> figures, TroopKind? previousKind, List<PendingTroopCount> found)
    {
        var force = figure.NamedForce ?? NearestForceBefore(facts, figure.BoundStart);
        var quote = facts.Sentence.Quote(figure.BoundStart);
        var times = TimesOf(facts, figure, figures);
        if (MoveBetweenCountries(facts, figure) is { } move)
        {
            // "shift 1,000 troops from Syria into Iraq": one figure, two claims (contract clarification).
            found.Add(new PendingTroopCount(force, move.From.Country!, null, TroopKind.Reduction, figure.First.Value, figure.Bound,
                DateOf(times, facts, TroopKind.Reduction, false, figure.BoundStart, figure.NounEnd), quote));
            found.Add(new PendingTroopCount(force, move.To.Country!, null, TroopKind.Increase, figure.First.Value, figure.Bound,
                DateOf(times, facts, TroopKind.Increase, false, figure.BoundStart, figure.NounEnd), quote));
            return TroopKind.Reduction;
        }

        var (kind, past) = KindOf(facts, rules, figure, previousKind);
        if (SharedByCountries(facts, figure) is { } countries)
        {
            // "both Iraq and Afghanistan ... each was down to 2,500": one claim for each; "these countries host
            // 6,000" names no single country, so none.
            foreach (var country in countries)
            {
                found.Add(new PendingTroopCount(force, country.Name, null, kind, figure.First.Value, figure.Bound,
                    DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd), quote));
            }

            return countries.Count == 0 ? null : kind;
        }

        var (place, named) = Location(facts, context, figure);
        if (place?.Country is null)
        {
            return null;
        }

        var site = place.Kind == PlaceKind.Country || !named ? null : place.Name;
        var bound = kind == TroopKind.Target && figure.Bound == Bound.Exact && IsCeiling(facts, figure) ? Bound.AtMost : figure.Bound;
        if (figure.PairTo >= 0)
        {
            times = times.Where(t => t.Start > figure.PairTo).ToList();
        }

        switch (figure.Pairing)
        {
            case Pairing.Range:
                var asOf = DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd);
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, Bound.AtLeast, asOf, quote));
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.Second!.Value.Value, Bound.AtMost, asOf, quote));
                break;
            case Pairing.FromTo:
                var beforeSecond = times.Where(t => t.Start < figure.Second!.Value.Start).ToList();
                found.Add(new PendingTroopCount(force, place.Country, site, TroopKind.Level, figure.First.Value, figure.Bound,
                    DateOf(beforeSecond, facts, TroopKind.Level, false, figure.BoundStart, figure.NounEnd, ignoreDeadlines: true), quote));
                found.Add(new PendingTroopCount(force, place.Country, site, TroopKind.Target, figure.Second!.Value.Value, figure.SecondBound,
                    DateOf(times, facts, TroopKind.Target, false, figure.BoundStart, figure.NounEnd), quote));
                break;
            case Pairing.FromOpen:
                var beforeTo = times.Where(t => t.Start < figure.ToIndex).ToList();
                found.Add(new PendingTroopCount(force, place.Country, site, TroopKind.Level, figure.First.Value, figure.Bound,
                    DateOf(beforeTo, facts, TroopKind.Level, false, figure.BoundStart, figure.NounEnd, ignoreDeadlines: true), quote));
                break;
            default:
                found.Add(new PendingTroopCount(force, place.Country, site, kind, figure.First.Value, bound,
                    DateOf(times, facts, kind, past, figure.BoundStart, figure.NounEnd), quote));
                break;
        }

        return kind;
    }

    private enum Pairing
    {
        None,
        Range,
        FromTo,
        FromOpen,
    }

    private sealed record Figure(
        NumberMention First, NumberMention? Second, Pairing Pairing, Bound Bound, Bound SecondBound, int BoundStart, int NounEnd, string? NamedForce)
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
