namespace IngestWorker.Core.Extraction;

/// <summary>When a troop figure holds, by the claims contract.</summary>
internal static partial class TroopCountReader
{
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

    /// <summary>
    /// The times that may date a figure: not one that lies beyond another figure of the same sentence
    /// ("fewer than 8,000 remain, down from about 170,000 in 2007": 2007 dates the 170,000 only). A time
    /// opening the sentence still dates every figure after it ("At the start of 2025, ... 2,500 ... and 900").
    /// </summary>
    private static List<TimeMention> TimesOf(SentenceFacts facts, Figure figure, List<Figure> figures)
    {
        var times = new List<TimeMention>(facts.Times.Count);
        foreach (var time in facts.Times)
        {
            if ((time.Start < figure.ScopeEnd || IsAttribution(facts.Sentence, figure.ScopeEnd, time.Start)) && !LiesBeyondAnotherFigure(time, figure, figures))
            {
                times.Add(time);
            }
        }

        return times;
    }

    private static bool LiesBeyondAnotherFigure(TimeMention time, Figure figure, List<Figure> figures)
    {
        foreach (var other in figures)
        {
            if (other != figure && time.Start >= other.NounEnd && other.BoundStart >= figure.NounEnd)
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
    private static string? DateOf(List<TimeMention> times, SentenceFacts facts, TroopKind kind, bool past, int start, int end, bool ignoreDeadlines = false)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var time in times)
        {
            // "a drop of 22,000 since 2003" spans years and dates no move; "confirmed Wednesday" dates the report, not a plan.
            if ((kind == TroopKind.Target && time.Kind != TimeKind.Explicit)
                || (kind != TroopKind.Level && (time.Kind == TimeKind.Vague || time.Since is not null || DatesAReport(facts.Sentence, time, start)))
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
            if (t.Kind == TimeKind.Vague && facts.Sentence.Is(t.Start, "at") && YearPinning(facts, times, t) is { Value: not null } pinned)
            {
                return pinned.Value;
            }

            return t.Kind == TimeKind.Vague ? null : t.Value;
        }

        return kind == TroopKind.Level && !past ? facts.PublishedIso : null;
    }

    /// <summary>The first date written within five words after a vague anchor, in its clause.</summary>
    private static TimeMention? YearPinning(SentenceFacts facts, List<TimeMention> times, TimeMention anchor)
    {
        foreach (var x in times)
        {
            if (x.Kind == TimeKind.Explicit && x.Start >= anchor.End && x.Start - anchor.End <= 5 && !facts.ClauseBreakBetween(anchor.End, x.Start))
            {
                return x;
            }
        }

        return null;
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
}
