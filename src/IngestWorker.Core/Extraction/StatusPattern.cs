namespace IngestWorker.Core.Extraction;

/// <summary>What a slot of a status pattern stands for.</summary>
internal enum SlotKind
{
    /// <summary>{base}: the site the status is about, with any sites listed with it ("Raqqa and Tabqah").</summary>
    Base,

    /// <summary>{place}: any place, a country too, that the pattern needs but does not speak of.</summary>
    Place,

    /// <summary>{force}: a force of the rules' <c>forces</c> lists ("U.S. troops", "the coalition").</summary>
    Force,

    /// <summary>{date}: a time expression ("on Sunday", "in May").</summary>
    Date,
}

/// <summary>Which sites a pattern may speak of: "took control of" is a handover for a base but a conquest for a city.</summary>
internal enum SiteFilter
{
    Any,
    Installation,
}

/// <summary>
/// A status rule written as a phrase with slots: <c>"handed {base} over to"</c>, <c>"{base} reverted to ... control"</c>.
/// Matching is one left-to-right pass over the tokens with no backtracking: each word must sit where the
/// pattern is, a "..." lets the next element be found within <see cref="PhraseIndex{T}.MaxGap"/> words (the
/// first place it fits is taken), and a named place counts as one word of a gap. So a pattern costs at most
/// (elements × gap) token looks wherever its first element occurs, which keeps extraction linear.
/// </summary>
internal sealed class StatusPattern
{
    private static readonly HashSet<string> GapStops = new(StringComparer.Ordinal) { ",", ";", ":", "(", ")", "[", "]", "\u2014", "\u2013", "?", "!" };

    private readonly Element[] _elements;

    private StatusPattern(string text, SiteStatus status, SiteFilter sites, Element[] elements)
    {
        Text = text;
        Status = status;
        Sites = sites;
        _elements = elements;
    }

    public string Text { get; }

    public SiteStatus Status { get; }

    public SiteFilter Sites { get; }

    /// <summary>The word every match starts with, or null when the pattern opens with a slot.</summary>
    public string? FirstWord => _elements[0].Word;

    /// <summary>The slot a match opens with when <see cref="FirstWord"/> is null.</summary>
    public SlotKind FirstSlot => _elements[0].Slot;

    /// <summary>
    /// Reads a pattern; null with a reason when it cannot be used (no {base} slot, a gap at either end,
    /// an unknown or unclosed slot).
    /// </summary>
    public static StatusPattern? Parse(string text, SiteStatus status, SiteFilter sites, out string? problem)
    {
        var elements = new List<Element>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > 0)
        {
            if (rest[0] == '{')
            {
                var close = rest.IndexOf('}');
                if (close < 0)
                {
                    problem = "a '{' is never closed with '}'.";
                    return null;
                }

                var name = rest[1..close].Trim().ToString();
                var optional = name.EndsWith('?');
                name = name.TrimEnd('?');
                SlotKind? kind = name switch
                {
                    "base" => SlotKind.Base,
                    "place" => SlotKind.Place,
                    "force" => SlotKind.Force,
                    "date" => SlotKind.Date,
                    _ => null,
                };
                if (kind is not { } slot)
                {
                    problem = $"'{{{name}}}' is not a slot; the slots are {{base}}, {{place}}, {{force}}, {{date}} (add '?' when it may be missing).";
                    return null;
                }

                elements.Add(new Element(null, slot, optional, Gap: false));
                rest = rest[(close + 1)..].TrimStart();
                continue;
            }

            if (rest.StartsWith("..."))
            {
                elements.Add(new Element(null, default, false, Gap: true));
                rest = rest[3..].TrimStart();
                continue;
            }

            var brace = rest.IndexOf('{');
            var dots = rest.IndexOf("...");
            var next = brace < 0 ? dots : dots < 0 ? brace : Math.Min(brace, dots);
            var words = next < 0 ? rest : rest[..next];
            foreach (var token in Tokenizer.Tokenize(words.ToString()))
            {
                if (token.Kind != TokenKind.LineBreak)
                {
                    elements.Add(new Element(token.Norm, default, false, Gap: false));
                }
            }

            rest = next < 0 ? [] : rest[next..];
        }

        // Leading optional slots only say who acts; they never decide a match, so they are not anchors.
        while (elements.Count > 0 && elements[0] is { Word: null, Gap: false, Optional: true })
        {
            elements.RemoveAt(0);
        }

        problem = elements.Count == 0 ? "the pattern has no words."
            : elements[0] is { Word: null, Gap: false, Slot: SlotKind.Place or SlotKind.Date } ? "a pattern should start with a word, {base} or {force}."
            : elements[0].Gap || elements[^1].Gap ? "a pattern cannot start or end with '...'."
            : !elements.Any(e => e is { Word: null, Gap: false, Slot: SlotKind.Base }) ? "the pattern needs a {base} slot for the site it speaks of."
            : null;
        return problem is null ? new StatusPattern(text, status, sites, [.. elements]) : null;
    }

    /// <summary>
    /// The sites of the attempt under way: most attempts fail after their site slot, so sites are gathered in
    /// one list per thread and copied out only for a match.
    /// </summary>
    [ThreadStatic]
    private static List<PlaceMention>? _sitesTried;

    /// <summary>Tries the pattern with its first element at <paramref name="start"/>.</summary>
    public PatternHit? MatchAt(SentenceFacts facts, ExtractionRules rules, int start)
    {
        var sentence = facts.Sentence;
        var position = start;
        var gap = false;
        List<PlaceMention>? sites = null;
        foreach (var element in _elements)
        {
            if (element.Gap)
            {
                gap = true;
                continue;
            }

            var end = -1;
            var candidate = position;
            for (var words = 0; candidate <= sentence.Count; words++)
            {
                if (TryElement(facts, rules, element, candidate, ref sites, out end))
                {
                    break;
                }

                if (!gap || words >= PhraseIndex<bool>.MaxGap || candidate >= sentence.Count || GapStops.Contains(sentence[candidate].Text))
                {
                    break;
                }

                candidate = facts.PlaceAt(candidate) is { } place && place.Start == candidate ? place.End : candidate + 1;
            }

            if (end < 0)
            {
                if (element.Optional)
                {
                    continue;
                }

                return null;
            }

            position = end;
            gap = false;
        }

        return sites is { Count: > 0 } ? new PatternHit(this, start, position, [.. sites]) : null;
    }

    private static bool TryElement(SentenceFacts facts, ExtractionRules rules, Element element, int at, ref List<PlaceMention>? sites, out int end)
    {
        end = -1;
        var sentence = facts.Sentence;
        if (element.Word is { } word)
        {
            if (sentence.Is(at, word))
            {
                end = at + 1;
            }

            return end > 0;
        }

        switch (element.Slot)
        {
            case SlotKind.Force:
                if (rules.Forces.TryMatch(sentence, at, out var force))
                {
                    end = force.End;
                }

                break;
            case SlotKind.Date:
                foreach (var time in facts.Times)
                {
                    if (time.Start == at || (time.Start == at + 1 && sentence[at].Norm is "on" or "in" or "at"))
                    {
                        end = time.End;
                    }
                }

                break;
            case SlotKind.Place:
                if (MentionAt(facts, at) is { } place)
                {
                    end = place.End;
                }

                break;
            case SlotKind.Base:
                if (SiteAt(facts, at) is { } site)
                {
                    sites = _sitesTried ??= [];
                    sites.Clear();
                    sites.Add(site);
                    end = ListedAfter(facts, site, sites);
                }

                break;
        }

        return end > 0;
    }

    /// <summary>A place mention starting at <paramref name="at"/>, or right after "the" there.</summary>
    private static PlaceMention? MentionAt(SentenceFacts facts, int at)
    {
        var from = facts.Sentence.Is(at, "the") ? at + 1 : at;
        return facts.PlaceAt(from) is { } mention && mention.Start == from ? mention : null;
    }

    private static PlaceMention? SiteAt(SentenceFacts facts, int at)
    {
        if (MentionAt(facts, at) is { } mention && mention.Place is not { Kind: PlaceKind.Country })
        {
            return mention;
        }

        // "are based there", "it was handed over": a pronoun for the site named before.
        return at < facts.Sentence.Count && facts.Sentence[at].Norm is "there" or "it" && facts.PlaceAt(at) is null
            ? new PlaceMention(at, at + 1, null, IsReference: true)
            : null;
    }

    /// <summary>"vacated Raqqa and Tabqah", "from Baghdad, Erbil and Union III": sites listed with the first.</summary>
    private static int ListedAfter(SentenceFacts facts, PlaceMention first, List<PlaceMention> sites)
    {
        var sentence = facts.Sentence;
        var end = first.End;
        while (true)
        {
            var k = end;
            var joined = false;
            if (sentence.Is(k, ","))
            {
                k++;
                joined = true;
            }

            if (sentence.Is(k, "and") || sentence.Is(k, "or") || sentence.Is(k, "then"))
            {
                k++;
                joined = true;
            }

            if (!joined)
            {
                return end;
            }

            if (k < sentence.Count && sentence[k].Norm is "from" or "at" or "in" or "to")
            {
                k++;
            }

            if (SiteAt(facts, k) is not { Place: not null } next)
            {
                return end;
            }

            sites.Add(next);
            end = next.End;
        }
    }

    private sealed record Element(string? Word, SlotKind Slot, bool Optional, bool Gap);
}

/// <summary>A status pattern found in a sentence: tokens [Start, End) and the sites its {base} slot took.</summary>
internal sealed record PatternHit(StatusPattern Pattern, int Start, int End, List<PlaceMention> Sites);
