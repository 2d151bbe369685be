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

    private const int ActiveReach = 6;

    private const int AfterReach = 5;

    /// <summary>A vague anchor this close to the status phrase leaves the status undated.</summary>
    private const int VagueReach = 8;

    public static void Read(SentenceFacts facts, ArticleContext context, List<BaseStatus> found)
    {
        var sentence = facts.Sentence;
        var readings = new List<Reading>();
        foreach (var mention in facts.Places)
        {
            var site = mention.IsReference ? context.ResolveReference(facts, mention.Start) : mention.Place;
            if (site is null || site.Kind == PlaceKind.Country)
            {
                continue;
            }

            if (StatusOf(facts, mention) is not { } cue)
            {
                continue;
            }

            var status = cue.Value;
            if (status == ClaimWords.Active && facts.HasUntilDate)
            {
                status = ClaimWords.WithdrawalPlanned;
            }

            // "handover of security to Baghdad": the place after "to" receives control, it is not the site.
            if (status is ClaimWords.HandoverInProgress or ClaimWords.HandedOver && sentence.Is(mention.Start - 1, "to"))
            {
                continue;
            }

            readings.Add(new Reading(site, status, cue.Start));
        }

        var quote = readings.Count > 0 ? sentence.Quote() : string.Empty;
        foreach (var reading in readings)
        {
            var lessSpecific = readings.Any(other => other.CueStart == reading.CueStart && other.Site.LiesWithin(reading.Site));
            if (!lessSpecific)
            {
                found.Add(new BaseStatus(reading.Site.Name, reading.Status, DateOf(facts, reading.CueStart), quote));
            }
        }
    }

    private static PhraseMatch<string>? StatusOf(SentenceFacts facts, PlaceMention mention)
    {
        foreach (var after in facts.StatusAfter)
        {
            if (after.Start >= mention.End && after.Start - mention.End <= AfterReach && !facts.ClauseBreakBetween(mention.End, after.Start))
            {
                return after;
            }
        }

        PhraseMatch<string>? strong = null;
        PhraseMatch<string>? active = null;
        foreach (var before in facts.StatusBefore)
        {
            if (before.End > mention.Start || facts.ClauseBreakBetween(before.End, mention.Start))
            {
                continue;
            }

            var distance = mention.Start - before.End;
            if (before.Value == ClaimWords.Active)
            {
                active = distance <= ActiveReach ? before : active;
            }
            else if (distance <= StrongReach)
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
    private static string? DateOf(SentenceFacts facts, int cueStart)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var time in facts.Times)
        {
            if (time.IsDeadline || (time.Kind == TimeKind.Vague && Math.Abs(time.Start - cueStart) > VagueReach))
            {
                continue;
            }

            var distance = time.End <= cueStart ? cueStart - time.End : Math.Max(0, time.Start - cueStart);
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

    private sealed record Reading(Place Site, string Status, int CueStart);
}
