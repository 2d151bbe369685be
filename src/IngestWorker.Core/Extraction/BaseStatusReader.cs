namespace IngestWorker.Extraction;

/// <summary>
/// Reads what a sentence says about the sites it names. Each site takes the status of the nearest
/// status phrase before it in its clause ("withdrawal began weeks ago from Baghdad and Ain al-Asad"),
/// or of one right after it ("Erbil becoming the primary hub"). "Active" phrases ("stationed in") only
/// count when no other status phrase speaks of the site. When one phrase names a city and the base in
/// it ("relocate to Harir base in Erbil"), only the most specific site is kept.
/// </summary>
internal static class BaseStatusReader
{
    /// <summary>How far after a status phrase a site may be named and still be spoken of by it.</summary>
    private const int StrongReach = 20;

    private const int ActiveReach = 14;

    /// <summary>A site listed right after another ("Shaddadi Garrison and Al-Tanf") shares its status phrase.</summary>
    private const int ListGap = 4;

    /// <summary>A date this close to the status phrase or the site dates the status.</summary>
    private const int DateReach = 8;

    private static readonly HashSet<string> Directions = new(StringComparer.Ordinal)
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeast", "outside",
    };

    private const int AfterReach = 5;

    /// <summary>A vague anchor this close to the status phrase leaves the status undated.</summary>
    private const int VagueReach = 8;

    public static void Read(SentenceFacts facts, ArticleContext context, List<BaseStatus> found)
    {
        var sentence = facts.Sentence;
        var readings = new List<Reading>();
        foreach (var mention in facts.Places)
        {
            var site = mention.IsReference ? ResolveReference(facts, context, mention) : mention.Place;
            if (site is null || site.Kind == PlaceKind.Country || IsLandmark(sentence, mention.Start))
            {
                continue;
            }

            var cue = StatusOf(facts, mention) ?? SharedWithListed(facts, readings, mention);
            if (cue is not { } match)
            {
                continue;
            }

            var status = match.Value;
            if (status == ClaimWords.Active && facts.HasUntilDate)
            {
                status = ClaimWords.WithdrawalPlanned;
            }

            // "handover of security to Baghdad": the place after "to" receives control, it is not the site.
            if (status is ClaimWords.HandoverInProgress or ClaimWords.HandedOver && sentence.Is(mention.Start - 1, "to"))
            {
                continue;
            }

            readings.Add(new Reading(site, status, match, mention));
        }

        var quote = readings.Count > 0 ? sentence.Quote() : string.Empty;
        foreach (var reading in readings)
        {
            var lessSpecific = readings.Any(other => other.Cue.Start == reading.Cue.Start && other.Site.LiesWithin(reading.Site));
            if (!lessSpecific)
            {
                found.Add(new BaseStatus(reading.Site.Name, reading.Status, DateOf(facts, reading.Cue.Start, reading.Mention, reading.Status), quote));
            }
        }
    }

    private static PhraseMatch<string>? StatusOf(SentenceFacts facts, PlaceMention mention)
    {
        var end = LocatedEnd(facts, mention);
        foreach (var after in facts.StatusAfter)
        {
            if (after.Start >= end && after.Start - end <= AfterReach && !facts.ClauseBreakBetween(mention.End, after.Start))
            {
                return after;
            }
        }

        PhraseMatch<string>? strong = null;
        PhraseMatch<string>? active = null;
        foreach (var before in facts.StatusBefore)
        {
            // A phrase with a gap may hold the site itself: "handover of Camp Taji was completed".
            var holdsSite = before.Start < mention.Start && before.End >= mention.End;
            if (!holdsSite && (before.End > mention.Start || facts.ClauseBreakBetween(before.End, mention.Start)))
            {
                continue;
            }

            var distance = holdsSite ? 0 : mention.Start - before.End;
            var reach = before.Value == ClaimWords.Active ? ActiveReach : StrongReach;
            if (!holdsSite && !Reaches(facts, before.End, mention, distance <= reach))
            {
                continue;
            }

            if (before.Value == ClaimWords.Active)
            {
                active = before;
            }
            else
            {
                strong = before;
            }
        }

        return strong ?? active;
    }

    /// <summary>
    /// When the status holds: a date the sentence gives near the status phrase ("had agreed in 2024 to
    /// depart"), never a deadline ("remain until September 2026" is planned now); else the publication date.
    /// </summary>
    private static string? DateOf(SentenceFacts facts, int cueStart, PlaceMention site, string status)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var time in facts.Times)
        {
            var distance = Math.Min(Distance(time, cueStart, cueStart + 1), Distance(time, site.Start, site.End));
            if (time.IsDeadline || distance > (time.Kind == TimeKind.Vague ? VagueReach : DateReach))
            {
                continue;
            }

            // "has hosted coalition troops since 2017": active as of 2017, the state it has held since.
            if (status == ClaimWords.Active && time.Since is { } since)
            {
                return since;
            }

            if (distance < nearestDistance)
            {
                (nearest, nearestDistance) = (time, distance);
            }
        }

        return nearest switch
        {
            { Kind: TimeKind.Explicit } t => t.Value,
            { Kind: TimeKind.Vague } => null,
            _ => facts.PublishedIso,
        };
    }

    /// <summary>
    /// A status phrase speaks of the first site after it, and of further sites only when they are listed
    /// with it ("from Baghdad and Ain al-Asad"): in "moving elements to Camp Arifjan as the mission in
    /// Baghdad winds down" it does not reach Baghdad. A listed site may lie beyond the usual reach.
    /// </summary>
    private static bool Reaches(SentenceFacts facts, int cueEnd, PlaceMention mention, bool withinReach)
    {
        PlaceMention? lastBetween = null;
        foreach (var other in facts.Places)
        {
            if (other.Start >= cueEnd && other.End <= mention.Start && other.Place is { Kind: not PlaceKind.Country }
                && !IsLandmark(facts.Sentence, other.Start))
            {
                lastBetween = other;
            }
        }

        if (lastBetween is null)
        {
            return withinReach;
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

        foreach (var other in facts.Places)
        {
            if (other.Start >= mention.End && other.Start - mention.End <= 6 && other.Place is { } around && site.LiesWithinOrNear(around)
                && facts.Sentence.Is(mention.End, "in") && !facts.ClauseBreakBetween(mention.End, other.Start))
            {
                return other.End;
            }
        }

        return mention.End;
    }

    private static int Distance(TimeMention time, int start, int end) =>
        time.End <= start ? start - time.End : time.Start >= end ? time.Start - end : 0;

    /// <summary>"the base near Manbij" is another, unnamed base, not the one named before.</summary>
    private static Place? ResolveReference(SentenceFacts facts, ArticleContext context, PlaceMention mention)
    {
        var next = mention.End;
        var placedElsewhere = next < facts.Sentence.Count && facts.Sentence[next].Norm is "near" or "in" or "at" or "outside"
            && facts.PlaceAt(next + 1) is { Place: not null };
        return placedElsewhere ? null : context.ResolveReference(facts, mention.Start);
    }

    /// <summary>"south of Mosul", "near Kirkuk": a place named to locate another is not a site itself.</summary>
    private static bool IsLandmark(Sentence sentence, int start) =>
        sentence.Is(start - 1, "near") || sentence.Is(start - 1, "outside")
        || (sentence.Is(start - 1, "in") && sentence.Is(start - 2, "bases"))
        || (sentence.Is(start - 1, "of") && start >= 2 && Directions.Contains(sentence[start - 2].Norm));

    private static PhraseMatch<string>? SharedWithListed(SentenceFacts facts, List<Reading> readings, PlaceMention mention)
    {
        if (readings.Count == 0)
        {
            return null;
        }

        var previous = readings[^1];
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

    private sealed record Reading(Place Site, string Status, PhraseMatch<string> Cue, PlaceMention Mention);
}
