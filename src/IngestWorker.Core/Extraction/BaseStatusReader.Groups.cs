namespace IngestWorker.Core.Extraction;

/// <summary>
/// Sites told as a counted group: a status said of "three of its eight bases" or of "the fifth base" reaches
/// the sites the sentence lists after it ("following A, B and C", "namely A and B"), or those the next
/// sentences name as the group ("The three are A, B and C", "the two bases were A and B").
/// </summary>
internal static partial class BaseStatusReader
{
    /// <summary>How many sentences after the one that counted a group its sites may still be named.</summary>
    private const int GroupReach = 2;

    /// <summary>How far a group's noun may stand from its count ("three of the eight small operating bases").</summary>
    private const int GroupNounReach = 6;

    private static readonly HashSet<string> GroupNouns = new(StringComparer.Ordinal)
    {
        "base", "bases", "site", "sites", "installation", "installations", "outpost", "outposts", "facility", "facilities",
        "camp", "camps", "garrison", "garrisons", "airfield", "airfields", "airbase", "airbases", "compound", "compounds",
        "place", "places", "location", "locations", "post", "posts",
    };

    /// <summary>Nouns for parts of a country: a list of them may hold regions and cities as well as bases.</summary>
    private static readonly HashSet<string> AreaNouns = new(StringComparer.Ordinal)
    {
        "areas", "regions", "provinces", "cities", "towns", "parts", "governorates", "districts",
    };

    private static readonly string[] Cardinals = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] Ordinals = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>Words that open the list of a group's sites: "following A and B", "namely A and B", "including A".</summary>
    private static readonly HashSet<string> ListOpeners = new(StringComparer.Ordinal) { "following", "after", "including", "namely", "like", "besides", ":" };

    /// <summary>Words that say the place after them only locates a site of the list ("K1 in Kirkuk", "al-Qaim near the border").</summary>
    private static readonly HashSet<string> Locators = new(StringComparer.Ordinal)
    {
        "in", "near", "inside", "outside", "to", "of", "on", "at", "by", "from", "around", "within", "across",
    };

    /// <summary>Words that say which sites a sentence names as the group counted before ("The three are ...").</summary>
    private static readonly HashSet<string> GroupCopulas = new(StringComparer.Ordinal) { "are", "were", "include", "included", "being" };

    private static void ReadGroups(SentenceFacts facts, ArticleContext context, List<Reading> readings, List<BaseStatus> found)
    {
        if (context.PendingGroup is { } pending && context.SentenceIndex - pending.Sentence > GroupReach)
        {
            context.PendingGroup = null;
        }

        if (context.PendingGroup is { } named && NamingStart(facts, named) is var from and >= 0)
        {
            AddMembers(facts, context, from, named, readings, found);
            context.PendingGroup = null;
        }

        if (FindGroup(facts) is not { } group || CueOfGroup(facts, group) is not { } cue || Adjust(facts, cue.Value, cue) is not { } status)
        {
            ReadOpenGroup(facts, context, readings, found);
            return;
        }

        var date = DateOf(facts, cue, new PlaceMention(group.Start, group.End, null, IsReference: true), status).Value;
        var told = new SiteGroup(group.Count, status, date, context.SentenceIndex);
        if (group.Ordinal)
        {
            AddOrdinalSubject(facts, context, group.Start, told, readings, found);
        }

        var opener = ListOpenerAfter(facts, Math.Max(group.End, cue.End));
        if (opener >= 0)
        {
            AddMembers(facts, context, opener, told, readings, found);
        }
        else if (!group.Ordinal)
        {
            context.PendingGroup = told;
        }
    }

    /// <summary>
    /// "will go to some of the most contested areas, including the Kurdistan Region and Diyala province": a
    /// status phrase whose object names no site reaches the sites listed after "including", "such as", "namely".
    /// When its noun speaks of areas, regions and cities count; else only bases.
    /// </summary>
    private static void ReadOpenGroup(SentenceFacts facts, ArticleContext context, List<Reading> readings, List<BaseStatus> found)
    {
        var sentence = facts.Sentence;
        foreach (var cue in facts.StatusBefore)
        {
            var areas = false;
            for (var k = cue.End; k < sentence.Count && k <= cue.End + GroupNounReach * 2; k++)
            {
                if (sentence[k].Text is ";" or "(" || (facts.PlaceAt(k) is { Place: { } place } && place.Kind != PlaceKind.Country)
                    || facts.StatusBefore.Any(other => other.Start == k))
                {
                    break;
                }

                areas |= AreaNouns.Contains(sentence[k].Norm);
                var opens = sentence[k].Norm is "including" or "namely" or ":" || (sentence.Is(k, "such") && sentence.Is(k + 1, "as"));
                var from = sentence.Is(k, "such") ? k + 2 : k + 1;
                if (opens && k > cue.End && (SiteMentionAt(facts, from) || SiteMentionAt(facts, from + 1)) && Adjust(facts, cue.Value, cue) is { } status)
                {
                    var date = DateOf(facts, cue, new PlaceMention(cue.End, k, null, IsReference: true), status).Value;
                    AddMembers(facts, context, from, new SiteGroup(int.MaxValue, status, date, context.SentenceIndex), readings, found, areas);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// "three of the eight small operating bases", "the fifth base": a count and, a few words on, a noun for
    /// sites. An ordinal counts the sites before it ("the fifth base ..., following A, B, C and D" lists four).
    /// </summary>
    private static (int Start, int End, int Count, bool Ordinal)? FindGroup(SentenceFacts facts)
    {
        var sentence = facts.Sentence;
        for (var k = 0; k < sentence.Count; k++)
        {
            var cardinal = Array.IndexOf(Cardinals, sentence[k].Norm);
            var ordinal = Array.IndexOf(Ordinals, sentence[k].Norm);
            if ((cardinal < 0 && ordinal < 0) || facts.PlaceAt(k) is not null)
            {
                continue;
            }

            for (var j = k + 1; j < sentence.Count && j <= k + GroupNounReach; j++)
            {
                var token = sentence[j];
                if (GroupNouns.Contains(token.Norm) && !token.StartsUpper && facts.PlaceAt(j) is null)
                {
                    return cardinal >= 0 ? (k, j + 1, cardinal + 2, false) : (k, j + 1, ordinal + 1, true);
                }

                if (!(token.IsWord || token.IsNumber || token.Text == "-") || facts.PlaceAt(j) is not null)
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The status phrase that speaks of the group: right before it ("is shutting down three of ..."), around it
    /// ("withdrawals from two bases ... are planned"), right after it ("two bases will be handed over"), or, for
    /// "the fifth base the coalition has handed over", a few words after the ordinal's noun.
    /// </summary>
    private static PhraseMatch<SiteStatus>? CueOfGroup(SentenceFacts facts, (int Start, int End, int Count, bool Ordinal) group)
    {
        foreach (var cue in facts.StatusBefore)
        {
            var holds = cue.Start < group.Start && cue.End >= group.End;
            var before = cue.End <= group.Start && group.Start - cue.End <= 2 && !facts.ClauseBreakBetween(cue.End, group.Start);
            var after = group.Ordinal && cue.Start >= group.End && cue.Start - group.End <= GroupNounReach && !facts.ClauseBreakBetween(group.End, cue.Start);
            if (holds || before || after)
            {
                return cue;
            }
        }

        foreach (var cue in facts.StatusAfter)
        {
            if (cue.Start >= group.End && cue.Start - group.End <= 4 && !facts.ClauseBreakBetween(group.End, cue.Start))
            {
                return cue;
            }
        }

        return null;
    }

    /// <summary>Where the list of a group's sites begins after <paramref name="from"/>: just past "following", "namely", "such as"; -1 when none does.</summary>
    private static int ListOpenerAfter(SentenceFacts facts, int from)
    {
        var sentence = facts.Sentence;
        for (var k = from; k < sentence.Count - 1; k++)
        {
            if (sentence[k].Text is ";" or "(")
            {
                return -1;
            }

            var next = ListOpeners.Contains(sentence[k].Norm) ? k + 1
                : sentence.Is(k, "such") && sentence.Is(k + 1, "as") ? k + 2
                : -1;
            if (next >= 0 && (SiteMentionAt(facts, next) || SiteMentionAt(facts, next + 1)))
            {
                return next;
            }
        }

        return -1;
    }

    private static bool SiteMentionAt(SentenceFacts facts, int index) =>
        facts.PlaceAt(index) is { Place.Kind: not PlaceKind.Country } mention && mention.Start == index;

    /// <summary>
    /// Where a sentence starts naming the group counted before: after "The three are", "the two bases were",
    /// "They are", when a site follows at once; -1 when the sentence does not name it.
    /// </summary>
    private static int NamingStart(SentenceFacts facts, SiteGroup group)
    {
        var sentence = facts.Sentence;
        for (var c = 1; c < sentence.Count - 1; c++)
        {
            if (!GroupCopulas.Contains(sentence[c].Norm))
            {
                continue;
            }

            var namesGroup = false;
            for (var k = c - 1; k >= 0 && k >= c - 4 && sentence[k].Kind != TokenKind.Punctuation; k--)
            {
                var norm = sentence[k].Norm;
                namesGroup |= Array.IndexOf(Cardinals, norm) + 2 == group.Count
                    || (k == c - 1 && norm is "they" or "these" or "those" or "both")
                    || (GroupNouns.Contains(norm) && norm.EndsWith('s') && k >= 1 && sentence[k - 1].Norm is "the" or "these" or "those");
            }

            if (namesGroup && (SiteMentionAt(facts, c + 1) || SiteMentionAt(facts, c + 2)))
            {
                return c + 1;
            }
        }

        return -1;
    }

    /// <summary>"Camp Taji is the third site the allies have vacated": the site said to be one of the group shares its status.</summary>
    private static void AddOrdinalSubject(SentenceFacts facts, ArticleContext context, int ordinalStart, SiteGroup group, List<Reading> readings, List<BaseStatus> found)
    {
        var sentence = facts.Sentence;
        if (!sentence.Is(ordinalStart - 1, "the") || ordinalStart < 3 || sentence[ordinalStart - 2].Norm is not ("is" or "was" or "became" or "becomes")
            || facts.PlaceAt(ordinalStart - 3) is not { } mention || SiteOf(facts, context, mention, headline: false) is not { } site
            || readings.Any(r => r.Site == site))
        {
            return;
        }

        found.Add(new BaseStatus(site.Name, group.Status, group.AsOf, sentence.Quote(mention.Start)));
    }

    /// <summary>
    /// Gives the group's status to the sites listed from <paramref name="from"/> on, up to its count: bases,
    /// and the city of "a base in Baghdad"; a place that only locates a site ("K1 in Kirkuk") is skipped, and
    /// another status phrase ends the list.
    /// </summary>
    private static void AddMembers(SentenceFacts facts, ArticleContext context, int from, SiteGroup group, List<Reading> readings, List<BaseStatus> found, bool areas = false)
    {
        var sentence = facts.Sentence;
        var added = 0;
        foreach (var mention in facts.Places)
        {
            if (mention.Start < from)
            {
                continue;
            }

            if (added >= group.Count || facts.StatusBefore.Any(c => c.Start >= from && c.Start < mention.Start))
            {
                return;
            }

            var before = sentence.Is(mention.Start - 1, "the") ? mention.Start - 2 : mention.Start - 1;
            var inUnnamedBase = sentence.Is(before, "in") && before >= 1 && GroupNouns.Contains(sentence[before - 1].Norm)
                && facts.PlaceAt(before - 1) is null;
            if (mention.IsReference || (!inUnnamedBase && before >= 0 && Locators.Contains(sentence[before].Norm))
                || SiteOf(facts, context, mention, headline: false) is not { } site
                || (site.Kind != PlaceKind.Base && !inUnnamedBase && !areas))
            {
                continue;
            }

            added++;
            if (!readings.Any(r => r.Site == site))
            {
                found.Add(new BaseStatus(site.Name, group.Status, group.AsOf, sentence.Quote(mention.Start)));
            }
        }
    }
}
