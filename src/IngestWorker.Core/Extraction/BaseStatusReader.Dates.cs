namespace IngestWorker.Core.Extraction;

/// <summary>When a status holds: the date the sentence gives near it, else the publication date.</summary>
internal static partial class BaseStatusReader
{
    /// <summary>A date this close to the status phrase or the site dates the status.</summary>
    private const int DateReach = 8;

    /// <summary>A vague anchor this close to the status phrase leaves the status undated.</summary>
    private const int VagueReach = 8;

    /// <summary>
    /// When the status holds: a date the sentence gives near the status phrase ("had agreed in 2024 to
    /// depart"), never a deadline ("remain until September 2026" is planned now); else the publication date.
    /// </summary>
    private static (string? Value, bool Written) DateOf(SentenceFacts facts, PhraseMatch<SiteStatus> cue, PlaceMention site, SiteStatus status)
    {
        var cueStart = cue.Start;
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        TimeMention? explicitNear = null;
        var explicitDistance = int.MaxValue;
        foreach (var time in facts.Times)
        {
            var distance = Math.Min(Distance(facts, time, cueStart, Math.Max(cue.End, cueStart + 1)), Distance(facts, time, site.Start, site.End));
            var aside = AfterAside(facts, site.End);
            if (aside > site.End && time.Start >= aside)
            {
                distance = Math.Min(distance, Distance(facts, time, site.Start, aside));
            }

            // "had served as the army's Iraq headquarters since 2003", "has been abandoned since October 20": the
            // start of a state dates it however long the phrase between.
            if (time.Since is { } started && distance <= 2 * DateReach && !HardBreakBetween(facts.Sentence, time, cueStart))
            {
                return (started, true);
            }

            // A plan holds from when it is reported: "will leave once they finish" is still dated by the report.
            if (time.IsDeadline || distance > (time.Kind == TimeKind.Vague ? VagueReach : DateReach)
                || (time.Kind == TimeKind.Vague && status == SiteStatus.WithdrawalPlanned))
            {
                continue;
            }

            // "has hosted coalition troops since 2017": active as of 2017, the state it has held since;
            // "has been abandoned since October 20": vacated as of that day.
            if (status != SiteStatus.WithdrawalPlanned && time.Since is { } since)
            {
                return (since, true);
            }

            // At equal distance a written date says more than a vague anchor ("had in the past held ..., and had departed this summer").
            if (distance < nearestDistance || (distance == nearestDistance && time.Kind == TimeKind.Explicit && nearest is { Kind: TimeKind.Vague }))
            {
                (nearest, nearestDistance) = (time, distance);
            }

            if (time.Kind == TimeKind.Explicit && (explicitNear is null || distance < explicitDistance) && !HardBreakBetween(facts.Sentence, time, cueStart))
            {
                (explicitNear, explicitDistance) = (time, distance);
            }
        }

        // "On Saturday, troops were still pulling out": "still" says the move went on, the day says when.
        if (nearest is { Kind: TimeKind.Present } && explicitNear is not null)
        {
            nearest = explicitNear;
        }

        // "on Oct. 16, once all personnel had departed": the date just before a vague anchor pins it.
        if (nearest is { Kind: TimeKind.Vague } vague && DateJustBefore(facts, vague.Start) is { } pinned)
        {
            nearest = pinned;
        }

        // "He tweeted on Saturday that ... had departed the base": the date of the telling dates what is told.
        if (nearest is null)
        {
            foreach (var time in facts.Times)
            {
                if (time is { Kind: TimeKind.Explicit, IsDeadline: false } && time.End < cueStart && facts.Sentence.Is(time.End, "that"))
                {
                    nearest = time;
                }
            }
        }

        // "On Oct. 16, after all personnel departed, ...", "In late August, officials said ...": a date opening
        // the sentence dates all of it.
        if (nearest is null && facts.Times.Count > 0 && facts.Times[0] is { Kind: TimeKind.Explicit, IsDeadline: false } opening
            && OpensSentence(facts.Sentence, opening.Start))
        {
            nearest = opening;
        }

        // "In a tweet on Saturday, he said ...", "The president on Friday signed off on ...": the one day the sentence
        // names before the status is the day it tells of.
        if (nearest is null && OnlyDayBefore(facts, cueStart) is { } day)
        {
            nearest = day;
        }

        return nearest switch
        {
            { Kind: TimeKind.Explicit } t => (t.Value, true),
            { Kind: TimeKind.Vague } => (null, true),
            _ => (facts.PublishedIso, false),
        };
    }

    private static bool OpensSentence(Sentence sentence, int start)
    {
        for (var k = 0; k < start; k++)
        {
            if (sentence[k].Norm is not ("on" or "in" or "by" or "late" or "early" or "mid" or "-"))
            {
                return false;
            }
        }

        return start <= 3;
    }

    private static TimeMention? DateJustBefore(SentenceFacts facts, int start)
    {
        foreach (var time in facts.Times)
        {
            var gap = start - time.End;
            if (time is { Kind: TimeKind.Explicit, IsDeadline: false } && gap >= 0 && gap <= 1 && (gap == 0 || facts.Sentence[time.End].Text == ","))
            {
                return time;
            }
        }

        return null;
    }

    private static TimeMention? OnlyDayBefore(SentenceFacts facts, int cueStart)
    {
        TimeMention? day = null;
        foreach (var time in facts.Times)
        {
            if (time.Kind != TimeKind.Explicit || time.IsDeadline)
            {
                continue;
            }

            if (day is not null || time.Start >= cueStart || time.Value is not { Length: 10 })
            {
                return null;
            }

            day = time;
        }

        return day;
    }

    private static bool HardBreakBetween(Sentence sentence, TimeMention time, int cueStart)
    {
        var (from, to) = time.End <= cueStart ? (time.End, cueStart) : (cueStart, time.Start);
        for (var k = from; k < to; k++)
        {
            if (sentence[k].Text is ";" || sentence[k].Norm is "but")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words between a time and a span, a named place counting as one word ("the Conoco gas field").</summary>
    private static int Distance(SentenceFacts facts, TimeMention time, int start, int end)
    {
        var (from, to) = time.End <= start ? (time.End, start) : time.Start >= end ? (end, time.Start) : (0, 0);
        var words = to - from;
        foreach (var place in facts.Places)
        {
            if (place.Start >= from && place.End <= to)
            {
                words -= place.End - place.Start - 1;
            }
        }

        return words;
    }
}
