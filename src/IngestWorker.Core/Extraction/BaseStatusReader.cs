namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads what a sentence says about the sites it names. Each site takes the status of the nearest
/// status phrase before it in its clause ("withdrawal began weeks ago from Baghdad and Ain al-Asad"),
/// or of one right after it ("Erbil becoming the primary hub"). "Active" phrases ("stationed in") only
/// count when no other status phrase speaks of the site. When one phrase names a city and the base in
/// it ("relocate to Harir base in Erbil"), only the most specific site is kept.
/// </summary>
internal static partial class BaseStatusReader
{
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
            var cue = new PhraseMatch<SiteStatus>(hit.Start, hit.End, hit.Pattern.Status);
            foreach (var mention in hit.Sites)
            {
                taken.Add(mention.Start);
                if (SiteOf(facts, context, mention, headline) is { } site
                    && (hit.Pattern.Sites == SiteFilter.Any || site.Kind == PlaceKind.Base)
                    && !readings.Any(r => r.Site == site && r.Cue.Start == cue.Start)
                    && Adjust(facts, cue.Value, cue) is { } status)
                {
                    readings.Add(new Reading(site, status, cue, mention));
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
            if (match.Value is SiteStatus.HandoverInProgress or SiteStatus.HandedOver && sentence.Is(mention.Start - 1, "to"))
            {
                continue;
            }

            if (Adjust(facts, match.Value, match) is { } adjusted)
            {
                readings.Add(new Reading(site, adjusted, match, mention));
            }
        }

        if (!headline)
        {
            ReadPronounSubject(facts, context, readings);
            ReadDepartureWithoutObject(facts, context, readings);
            ReadGroups(facts, context, readings, found);
        }

        var dates = readings.Select(r => DateOf(facts, r.Cue, r.Mention, r.Status)).ToList();
        for (var r = 0; r < readings.Count; r++)
        {
            var reading = readings[r];
            var lessSpecific = readings.Any(other => other.Cue.Start == reading.Cue.Start && other.Site.LiesWithin(reading.Site));

            // "a ceremony to transfer the base is taking place today, and all troops are to leave it": the handover
            // under way says more than the plan the same sentence adds.
            var planBesideHandover = reading.Status == SiteStatus.WithdrawalPlanned
                && readings.Any(other => other.Site == reading.Site && other.Status == SiteStatus.HandoverInProgress);
            if (lessSpecific || planBesideHandover)
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
        statuses.RemoveAll(planned => planned.Status == SiteStatus.WithdrawalPlanned
            && statuses.Any(s => s.Status == SiteStatus.WithdrawalStarted && s.Base == planned.Base && s.AsOf == planned.AsOf));
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
            if (cue.Value is not (SiteStatus.WithdrawalPlanned or SiteStatus.WithdrawalStarted or SiteStatus.HandedOver)
                || cue.End - cue.Start < 2 && sentence[cue.Start].Norm == "left" || !HasNoObject(facts, cue.End) || LeftUnnamedSites(sentence, cue.Start))
            {
                continue;
            }

            // "BASE X, Iraq - ... as the last soldiers depart": they leave the country; the dateline only says where the report was filed.
            var sites = facts.Places.Where(m => !m.IsReference && !IsDateline(facts, m) && SiteOf(facts, context, m, headline: false) is not null).ToList();
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

            if (mention is not null && site is not null && !readings.Any(r => r.Site == site) && Adjust(facts, cue.Value, cue) is { } status)
            {
                readings.Add(new Reading(site, status, cue, mention));
            }
        }
    }

    /// <summary>"several local bases that coalition troops vacated": the departure's object is the unnamed bases before it.</summary>
    private static bool LeftUnnamedSites(Sentence sentence, int cueStart)
    {
        for (var k = cueStart - 1; k >= 1 && k >= cueStart - 5; k--)
        {
            if (sentence[k].Norm is "that" or "which")
            {
                return sentence[k - 1].Norm is "bases" or "base" or "sites" or "positions" or "facilities" or "outposts" or "camps" or "posts";
            }
        }

        return false;
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

    private sealed record Reading(Place Site, SiteStatus Status, PhraseMatch<SiteStatus> Cue, PlaceMention Mention);
}
