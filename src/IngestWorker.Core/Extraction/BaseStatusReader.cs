namespace IngestWorker.Core.Extraction;

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

    /// <summary>Words before a departure that say only part of the force left ("most of whom had departed").</summary>
    private static readonly HashSet<string> PartWords = new(StringComparer.Ordinal)
    {
        "most", "some", "many", "part", "half", "several", "hundreds", "thousands", "dozens", "majority",
    };

    /// <summary>Words before a departure that say the whole force left ("after all personnel departed").</summary>
    private static readonly HashSet<string> WholeWords = new(StringComparer.Ordinal) { "all", "last", "remaining", "entire", "every" };

    /// <summary>Words that may follow "to" when it leads to a place ("moved to the base"), not to a verb ("moved in to secure").</summary>
    private static readonly HashSet<string> ToObjects = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "two", "three", "four", "five",
        "several", "some", "one", "other", "another", "bases", "nearby", "neighboring", "neighbouring", "there", "it",
    };

    /// <summary>Words after a departure verb that show it has no object ("will leave in the coming days").</summary>
    private static readonly HashSet<string> AfterIntransitive = new(StringComparer.Ordinal)
    {
        "this", "last", "earlier", "later", "soon", "next", "in", "on", "after", "once", "when", "as", "within", "over", "during",
    };

    /// <summary>
    /// Reads the sentence: first the status patterns of the rules ("handed {base} over to"), whose slots say
    /// exactly which site they speak of; then the before/after phrases for sites no pattern took; then a
    /// departure with no object ("most of whom had departed this summer") for the one site the sentence or
    /// the sentence before names. A headline only speaks of sites the rules list by name.
    /// </summary>
    public static void Read(SentenceFacts facts, ExtractionRules rules, ArticleContext context, List<BaseStatus> found, bool headline = false)
    {
        var sentence = facts.Sentence;
        var readings = new List<Reading>();
        var taken = new HashSet<int>();
        foreach (var hit in rules.StatusPatterns.FindAll(facts, rules))
        {
            var cue = new PhraseMatch<string>(hit.Start, hit.End, hit.Pattern.Status);
            foreach (var mention in hit.Sites)
            {
                taken.Add(mention.Start);
                if (SiteOf(facts, context, mention, headline) is { } site
                    && (hit.Pattern.Sites == SiteFilter.Any || site.Kind == PlaceKind.Base)
                    && !readings.Any(r => r.Site == site && r.Cue.Start == cue.Start))
                {
                    readings.Add(new Reading(site, Adjust(facts, cue.Value, cue), cue, mention));
                }
            }
        }

        foreach (var mention in facts.Places)
        {
            if (taken.Contains(mention.Start) || SiteOf(facts, context, mention, headline) is not { } site)
            {
                continue;
            }

            var cue = StatusOf(facts, mention) ?? SharedWithListed(facts, readings, mention);
            if (cue is not { } match)
            {
                continue;
            }

            // "handover of security to Baghdad": the place after "to" receives control, it is not the site.
            if (match.Value is ClaimWords.HandoverInProgress or ClaimWords.HandedOver && sentence.Is(mention.Start - 1, "to"))
            {
                continue;
            }

            readings.Add(new Reading(site, Adjust(facts, match.Value, match), match, mention));
        }

        if (!headline)
        {
            ReadDepartureWithoutObject(facts, context, readings);
        }

        var dates = readings.Select(r => DateOf(facts, r.Cue.Start, r.Mention, r.Status)).ToList();
        for (var r = 0; r < readings.Count; r++)
        {
            var reading = readings[r];
            var lessSpecific = readings.Any(other => other.Cue.Start == reading.Cue.Start && other.Site.LiesWithin(reading.Site));
            if (lessSpecific)
            {
                continue;
            }

            // Sites listed under one verb share the date written once for all of them ("vacated A, B and C in May").
            var date = dates[r];
            if (!date.Written)
            {
                for (var o = 0; o < readings.Count; o++)
                {
                    if (o != r && readings[o].Cue.Start == reading.Cue.Start && dates[o].Written)
                    {
                        date = dates[o];
                    }
                }
            }

            found.Add(new BaseStatus(reading.Site.Name, reading.Status, date.Value, sentence.Quote(Math.Min(reading.Cue.Start, reading.Mention.Start))));
        }
    }

    /// <summary>
    /// Once an article is read: a plan to leave a site is dropped when the article says on the same day that
    /// leaving it has begun, which says more ("the withdrawal is under way ... all troops will be leaving").
    /// </summary>
    public static void Settle(List<BaseStatus> statuses)
    {
        statuses.RemoveAll(planned => planned.Status == ClaimWords.WithdrawalPlanned
            && statuses.Any(s => s.Status == ClaimWords.WithdrawalStarted && s.Base == planned.Base && s.AsOf == planned.AsOf));
    }

    private static Place? SiteOf(SentenceFacts facts, ArticleContext context, PlaceMention mention, bool headline)
    {
        var site = mention.IsReference ? ResolveReference(facts, context, mention) : mention.Place;
        return site is null || site.Kind == PlaceKind.Country || IsLandmark(facts, mention.Start) || (headline && site.ByShape)
            ? null
            : site;
    }

    private static string Adjust(SentenceFacts facts, string status, PhraseMatch<string> cue)
    {
        if (status == ClaimWords.Active && facts.HasUntilDate)
        {
            return ClaimWords.WithdrawalPlanned;
        }

        // "troops would be pulled out of northern Syria": a move told in the future is a plan.
        if (status is ClaimWords.HandedOver or ClaimWords.WithdrawalStarted && IsFuture(facts.Sentence, cue.Start))
        {
            return ClaimWords.WithdrawalPlanned;
        }

        // "at least 500 troops had departed the base": some left, so leaving is under way, not done.
        return status == ClaimWords.HandedOver && OnlyPartLeft(facts, cue.Start) ? ClaimWords.WithdrawalStarted : status;
    }

    private static bool Ended(SentenceFacts facts, int cueStart)
    {
        for (var k = cueStart - 1; k >= 0 && k >= cueStart - 8 && !facts.ClauseBreakBetween(k, cueStart); k--)
        {
            if (facts.Sentence[k].Norm is "ending" or "ended" or "end" or "ends")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFuture(Sentence sentence, int cueStart)
    {
        var k = cueStart - 1;
        if (sentence.Is(k, "be"))
        {
            k--;
        }

        return k >= 0 && sentence[k].Norm is "will" or "would" or "shall" or "to";
    }

    private static bool OnlyPartLeft(SentenceFacts facts, int cueStart)
    {
        var sentence = facts.Sentence;
        var part = false;
        for (var k = cueStart - 1; k >= 0 && k >= cueStart - 8; k--)
        {
            var token = sentence[k];
            if (token.Kind == TokenKind.Punctuation && token.Text != "-")
            {
                break;
            }

            if (WholeWords.Contains(token.Norm))
            {
                return false;
            }

            part |= PartWords.Contains(token.Norm) || (token.IsNumber && !facts.Times.Any(t => t.Start <= k && k < t.End));
        }

        return part;
    }

    /// <summary>
    /// "most of whom had departed this summer", "after all personnel departed, ... at the Lafarge Cement
    /// Factory", "The remaining troops will leave in the coming days": a departure with no object speaks of
    /// the one site its sentence names, or, when the sentence names no place at all, of the base named just before.
    /// </summary>
    private static void ReadDepartureWithoutObject(SentenceFacts facts, ArticleContext context, List<Reading> readings)
    {
        var sentence = facts.Sentence;
        foreach (var cue in facts.StatusBefore)
        {
            if (cue.Value is not (ClaimWords.WithdrawalPlanned or ClaimWords.WithdrawalStarted or ClaimWords.HandedOver)
                || cue.End - cue.Start < 2 && sentence[cue.Start].Norm == "left" || !HasNoObject(facts, cue.End))
            {
                continue;
            }

            var sites = facts.Places.Where(m => !m.IsReference && SiteOf(facts, context, m, headline: false) is not null).ToList();
            PlaceMention? mention = null;
            Place? site = null;
            if (sites.Count == 1)
            {
                (mention, site) = (sites[0], sites[0].Place);
            }
            else if (facts.Places.Count == 0 && context.ResolveReference(facts, cue.Start) is { } recent)
            {
                (mention, site) = (new PlaceMention(cue.Start, cue.End, recent, IsReference: true), recent);
            }

            if (mention is not null && site is not null && !readings.Any(r => r.Site == site))
            {
                readings.Add(new Reading(site, Adjust(facts, cue.Value, cue), cue, mention));
            }
        }
    }

    private static bool HasNoObject(SentenceFacts facts, int next)
    {
        var sentence = facts.Sentence;
        if (next >= sentence.Count || (sentence[next].Kind == TokenKind.Punctuation && sentence[next].Text != "-"))
        {
            return true;
        }

        if (facts.Times.Any(t => t.Start == next))
        {
            return true;
        }

        return AfterIntransitive.Contains(sentence[next].Norm) && facts.PlaceAt(next + 1) is null && facts.PlaceAt(next + 2) is null;
    }

    private static PhraseMatch<string>? StatusOf(SentenceFacts facts, PlaceMention mention)
    {
        var located = LocatedEnd(facts, mention);
        var end = AfterAside(facts, located);
        foreach (var after in facts.StatusAfter)
        {
            if (after.Start >= end && after.Start - end <= AfterReach && !facts.ClauseBreakBetween(end, after.Start)
                && !IsRelativeOfLocatedNoun(facts, mention, after.Start))
            {
                return after;
            }
        }

        if (InAsideRelative(facts, located) is { } told)
        {
            return told;
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

            if (!holdsSite && LeadsToVerb(facts, before))
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

        return strong ?? active;
    }

    /// <summary>
    /// When the status holds: a date the sentence gives near the status phrase ("had agreed in 2024 to
    /// depart"), never a deadline ("remain until September 2026" is planned now); else the publication date.
    /// </summary>
    private static (string? Value, bool Written) DateOf(SentenceFacts facts, int cueStart, PlaceMention site, string status)
    {
        TimeMention? nearest = null;
        var nearestDistance = int.MaxValue;
        TimeMention? explicitNear = null;
        var explicitDistance = int.MaxValue;
        foreach (var time in facts.Times)
        {
            var distance = Math.Min(Distance(facts, time, cueStart, cueStart + 1), Distance(facts, time, site.Start, site.End));
            var aside = AfterAside(facts, site.End);
            if (aside > site.End && time.Start >= aside)
            {
                distance = Math.Min(distance, Distance(facts, time, site.Start, aside));
            }

            // A plan holds from when it is reported: "will leave once they finish" is still dated by the report.
            if (time.IsDeadline || distance > (time.Kind == TimeKind.Vague ? VagueReach : DateReach)
                || (time.Kind == TimeKind.Vague && status == ClaimWords.WithdrawalPlanned))
            {
                continue;
            }

            // "has hosted coalition troops since 2017": active as of 2017, the state it has held since.
            if (status == ClaimWords.Active && time.Since is { } since)
            {
                return (since, true);
            }

            if (distance < nearestDistance)
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

        // "On Oct. 16, after all personnel departed, ...": a date opening the sentence dates all of it.
        if (nearest is null && facts.Times.Count > 0 && facts.Times[0] is { Kind: TimeKind.Explicit, IsDeadline: false } opening
            && (opening.Start == 0 || (opening.Start == 1 && facts.Sentence[0].Norm is "on" or "in" or "by" or "late" or "early")))
        {
            nearest = opening;
        }

        return nearest switch
        {
            { Kind: TimeKind.Explicit } t => (t.Value, true),
            { Kind: TimeKind.Vague } => (null, true),
            _ => (facts.PublishedIso, false),
        };
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

    /// <summary>"moved in to secure the base": "to" leads to a verb, so the phrase does not say where troops went.</summary>
    private static bool LeadsToVerb(SentenceFacts facts, PhraseMatch<string> cue)
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
    private static bool Reaches(SentenceFacts facts, int cueEnd, PlaceMention mention, bool withinReach)
    {
        PlaceMention? lastBetween = null;
        foreach (var other in facts.Places)
        {
            if (other.Start >= cueEnd && other.End <= mention.Start && other.Place is { Kind: not PlaceKind.Country }
                && !IsLandmark(facts, other.Start))
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
    private static PhraseMatch<string>? InAsideRelative(SentenceFacts facts, int end)
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
    /// "Camp Victory, a sprawling compound on the edge of Baghdad, had been the headquarters": an aside
    /// between commas after a site does not part it from what the sentence goes on to say of it.
    /// </summary>
    private static int AfterAside(SentenceFacts facts, int end)
    {
        var sentence = facts.Sentence;
        var opensAside = sentence.Is(end + 1, "a") || sentence.Is(end + 1, "an") || sentence.Is(end + 1, "the")
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
                return k + 1;
            }
        }

        return end;
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

    /// <summary>"the base near Manbij" is another, unnamed base, not the one named before.</summary>
    private static Place? ResolveReference(SentenceFacts facts, ArticleContext context, PlaceMention mention)
    {
        if (mention.Place is { } known)
        {
            return known;
        }

        // "are based there": the place named last, here or in the sentence before; a country is no site.
        if (facts.Sentence.Is(mention.Start, "there"))
        {
            return facts.LastPlaceBefore(mention.Start) ?? context.RecentSite;
        }

        var next = mention.End;
        var placedElsewhere = next < facts.Sentence.Count && facts.Sentence[next].Norm is "near" or "in" or "at" or "outside"
            && facts.PlaceAt(next + 1) is { Place: not null };
        return placedElsewhere ? null : context.ResolveReference(facts, mention.Start);
    }

    /// <summary>"south of Mosul", "near Kirkuk": a place named to locate another is not a site itself.</summary>
    private static bool IsLandmark(SentenceFacts facts, int start) =>
        IsLandmark(facts.Sentence, start) || LocatesUnknownName(facts, start);

    /// <summary>
    /// "Sahil Depot in northern Iraq": a place after a proper name the rules do not know only says where
    /// that site is; the status is the unknown site's, not the region's.
    /// </summary>
    private static bool LocatesUnknownName(SentenceFacts facts, int start)
    {
        var sentence = facts.Sentence;
        return sentence.Is(start - 1, "in") && start >= 3
            && sentence[start - 2] is { IsWord: true, StartsUpper: true } && sentence[start - 3] is { IsWord: true, StartsUpper: true }
            && facts.PlaceAt(start - 2) is null && facts.PlaceAt(start - 3) is null;
    }

    private static bool IsLandmark(Sentence sentence, int start) =>
        IsAlias(sentence, sentence.Is(start - 1, "the") ? start - 2 : start - 1)
        || sentence.Is(start - 1, "near") || sentence.Is(start - 1, "outside")
        || (sentence.Is(start - 1, "in") && sentence.Is(start - 2, "bases"))
        || (sentence.Is(start - 1, "of") && start >= 2 && Directions.Contains(sentence[start - 2].Norm));

    /// <summary>"Euphrates, sometimes called the Conoco gas field": another name of the site just named, not a site of its own.</summary>
    private static bool IsAlias(Sentence sentence, int k)
    {
        if (sentence.Is(k, "as") && sentence.Is(k - 1, "known"))
        {
            k--;
        }
        else if (!(sentence.Is(k, "called") || sentence.Is(k, "dubbed") || sentence.Is(k, "nicknamed")))
        {
            return false;
        }

        return k >= 1 && sentence[k - 1].Norm is "sometimes" or "also" or "often" or "locally" or "formerly" or "officially" or "once" or "previously";
    }

    private static PhraseMatch<string>? SharedWithListed(SentenceFacts facts, List<Reading> readings, PlaceMention mention)
    {
        if (readings.Count == 0)
        {
            return null;
        }

        var previous = readings[^1];
        if (ResumesList(facts, previous.Mention.End, mention.Start))
        {
            return previous.Cue;
        }

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

    /// <summary>
    /// "completed its pullout from the Al-Tanf garrison, a key outpost near ..., as well as from the
    /// Al-Shaddadi base": a repeated preposition after "as well as" or "and" takes up the list again past an aside.
    /// </summary>
    private static bool ResumesList(SentenceFacts facts, int previousEnd, int start)
    {
        var sentence = facts.Sentence;
        var k = start - 1;
        if (sentence.Is(k, "the"))
        {
            k--;
        }

        if (k < 0 || sentence[k].Norm is not ("from" or "at" or "in" or "to" or "into" or "of"))
        {
            return false;
        }

        k--;
        var joined = sentence.Is(k, "and") || (sentence.Is(k, "as") && sentence.Is(k - 1, "well") && sentence.Is(k - 2, "as"));
        if (!joined || k <= previousEnd)
        {
            return false;
        }

        for (var j = previousEnd; j < k; j++)
        {
            if (sentence[j].Text is ";" or "(" or ")")
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Reading(Place Site, string Status, PhraseMatch<string> Cue, PlaceMention Mention);
}
