using System.Text;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Finds the places a sentence names: gazetteer places and their aliases first (longest match wins, so
/// "Baghdad International Airport" is a base and not the city), then bases the gazetteer does not know,
/// by their shape ("K2 Air Base", "Camp Taji"), then references to a base named before ("the base").
/// </summary>
internal static class PlaceFinder
{
    private const int MaxNameWords = 4;

    /// <summary>What most sentences name: no place. Shared, so no caller may change it.</summary>
    private static readonly List<PlaceMention> NoMentions = [];

    public static List<PlaceMention> Find(Sentence sentence, ExtractionRules rules)
    {
        List<PlaceMention>? mentions = null;
        var i = 0;
        while (i < sentence.Count)
        {
            var mention = Known(sentence, i, rules) ?? ByDirection(sentence, i, rules) ?? ByPrefix(sentence, i, rules) ?? BySuffix(sentence, i, rules)
                ?? Reference(sentence, i, rules) ?? CodeInList(sentence, i, mentions) ?? CodeOfKnownBase(sentence, i, rules);
            if (mention is null)
            {
                i++;
                continue;
            }

            (mentions ??= []).Add(mention);
            i = mention.End;
        }

        return mentions ?? NoMentions;
    }

    /// <summary>
    /// "western Iraq", "northern Syria": a part of a country the rules do not list, named by its direction,
    /// spelled "Western Iraq" so every article names it the same way.
    /// </summary>
    private static PlaceMention? ByDirection(Sentence sentence, int i, ExtractionRules rules)
    {
        if (!rules.RegionDirections.Contains(sentence[i].Norm) || !rules.Places.TryMatch(sentence, i + 1, out var country)
            || country.Value.Kind != PlaceKind.Country)
        {
            return null;
        }

        var word = sentence[i].Norm;
        var name = $"{char.ToUpperInvariant(word[0])}{word[1..]} {country.Value.Name}";
        return new PlaceMention(i, country.End, new Place(name, PlaceKind.Region, country.Value.Name, null, null) { ByShape = true }, IsReference: false);
    }

    /// <summary>
    /// "vacated Green Village, H2 and Euphrates": a bare code of letters and digits listed right after a base
    /// is a base too, spelled as written.
    /// </summary>
    private static PlaceMention? CodeInList(Sentence sentence, int i, List<PlaceMention>? mentions)
    {
        var token = sentence[i];
        if (mentions is not { Count: > 0 } || mentions[^1] is not { Place.Kind: PlaceKind.Base } previous || previous.End != i - 1
            || sentence[i - 1].Norm is not ("," or "and" or "or") || !IsCode(token.Text))
        {
            return null;
        }

        return new PlaceMention(i, i + 1, new Place(token.Text, PlaceKind.Base, previous.Place.Country, null, null) { ByShape = true }, IsReference: false);
    }

    /// <summary>"K1 in Kirkuk", "K1 has hosted": a bare code that a listed base is called by with "base" after it ("K1 base").</summary>
    private static PlaceMention? CodeOfKnownBase(Sentence sentence, int i, ExtractionRules rules)
    {
        var token = sentence[i];
        if (!IsCode(token.Text) || !(rules.Places.TryGetByWords(token.Norm + " base", out var known) || rules.Places.TryGetByWords(token.Norm + " air base", out known))
            || known.Kind != PlaceKind.Base)
        {
            return null;
        }

        return new PlaceMention(i, i + 1, known, IsReference: false);
    }

    private static bool IsCode(string text) =>
        text.Length is >= 2 and <= 4 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiDigit(text[^1]) && text.All(char.IsAsciiLetterOrDigit);

    private static PlaceMention? Known(Sentence sentence, int i, ExtractionRules rules)
    {
        if (!rules.Places.TryMatch(sentence, i, out var match))
        {
            return null;
        }

        return PossessiveBase(sentence, match, rules) ?? new PlaceMention(match.Start, match.End, match.Value, IsReference: false);
    }

    /// <summary>"Baghdad's international airport", "Erbil's airport": a city's installation told with its possessive, when listed so.</summary>
    private static PlaceMention? PossessiveBase(Sentence sentence, PhraseMatch<Place> city, ExtractionRules rules)
    {
        if (city.Value.Kind is not (PlaceKind.City or PlaceKind.Region) || !sentence.Is(city.End, "'s"))
        {
            return null;
        }

        var words = new StringBuilder();
        for (var k = city.Start; k < city.End; k++)
        {
            words.Append(k > city.Start ? " " : string.Empty).Append(sentence[k].Norm);
        }

        PlaceMention? found = null;
        for (var k = city.End + 1; k < sentence.Count && k <= city.End + MaxNameWords - 1 && sentence[k].IsWord; k++)
        {
            words.Append(' ').Append(sentence[k].Norm);
            if (rules.Places.TryGetByWords(words.ToString(), out var known) && known.Kind == PlaceKind.Base)
            {
                found = new PlaceMention(city.Start, k + 1, known, IsReference: false);
            }
        }

        return found;
    }

    private static PlaceMention? Reference(Sentence sentence, int i, ExtractionRules rules) =>
        rules.SiteReferences.TryMatch(sentence, i, out var match) ? new PlaceMention(match.Start, match.End, null, IsReference: true) : null;

    /// <summary>"Camp Taji", "Forward Operating Base Marez": a capitalised prefix and one to three name words.</summary>
    private static PlaceMention? ByPrefix(Sentence sentence, int i, ExtractionRules rules)
    {
        if (!sentence[i].StartsUpper || !rules.BasePrefixes.TryMatch(sentence, i, out var prefix))
        {
            return null;
        }

        var end = prefix.End;
        while (end < sentence.Count && end - prefix.End < MaxNameWords - 1 && IsNameWord(sentence, end, rules))
        {
            end++;

            // "Camp As Sayliyah-Main": a hyphened part belongs to the name.
            if (sentence.Is(end, "-") && end + 1 < sentence.Count && sentence[end + 1] is { IsWord: true, StartsUpper: true })
            {
                end += 2;
            }
        }

        return end == prefix.End ? null : Pattern(sentence, prefix.End, end, prefix.Value, prefixFirst: true, i, end, rules);
    }

    /// <summary>"K1 Air Base", "Pope Army Airfield", "Shaddadi Garrison": one to four name words and a suffix.</summary>
    private static PlaceMention? BySuffix(Sentence sentence, int i, ExtractionRules rules)
    {
        if (!IsNameWord(sentence, i, rules))
        {
            return null;
        }

        for (var end = i + 1; end <= i + MaxNameWords && end < sentence.Count; end++)
        {
            // "Only Victory Base": a listed place starting inside the name is that place, not part of a new one.
            if (rules.Places.TryMatch(sentence, end, out _))
            {
                return null;
            }

            if (rules.BaseSuffixes.TryMatch(sentence, end, out var suffix)
                && (suffix.Value != "Base" || sentence[end].StartsUpper || sentence.Is(i - 1, "the") || IsArabicArticle(sentence, i)))
            {
                return Pattern(sentence, i, end, suffix.Value, prefixFirst: false, i, suffix.End, rules);
            }

            if (!IsNameWord(sentence, end, rules) && !(sentence.Is(end, "-") && IsNameWord(sentence, end + 1, rules)))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The base a shape names: a listed place when the name put together is one of its names or aliases
    /// ("Asad Airbase" is Asad Air Base, an alias of Ain al-Asad Air Base), else a new base spelled as written.
    /// </summary>
    private static PlaceMention Pattern(Sentence sentence, int nameStart, int nameEnd, string affix, bool prefixFirst, int start, int end, ExtractionRules rules)
    {
        var name = new StringBuilder();
        for (var k = nameStart; k < nameEnd; k++)
        {
            var joinsPrevious = sentence[k].Text == "-" || (k > nameStart && sentence[k - 1].Text == "-");
            if (name.Length > 0 && !joinsPrevious)
            {
                name.Append(' ');
            }

            name.Append(sentence[k].Text);
        }

        var full = prefixFirst ? $"{affix} {name}" : $"{name} {affix}";
        if (rules.Places.TryGetByWords(WordsOf(sentence, nameStart, nameEnd, affix, prefixFirst), out var known))
        {
            return new PlaceMention(start, end, known, IsReference: false);
        }

        return new PlaceMention(start, end, new Place(full, PlaceKind.Base, null, null, null) { ByShape = true }, IsReference: false);
    }

    /// <summary>The name's words as the tokenizer normalises them, joined by spaces, read off the sentence's own tokens.</summary>
    private static string WordsOf(Sentence sentence, int nameStart, int nameEnd, string affix, bool prefixFirst)
    {
        var words = new StringBuilder(64);
        if (prefixFirst)
        {
            words.Append(affix.ToLowerInvariant());
        }

        for (var k = nameStart; k < nameEnd; k++)
        {
            if (words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(sentence[k].Norm);
        }

        if (!prefixFirst)
        {
            words.Append(' ').Append(affix.ToLowerInvariant());
        }

        return words.ToString();
    }

    private static bool IsArabicArticle(Sentence sentence, int i) =>
        i < sentence.Count && sentence[i].Norm is "al" or "ad" or "as" or "at" or "an" && sentence.Is(i + 1, "-");

    /// <summary>A capitalised word or a code with digits ("K1", "22") that is not a sentence-opening word.</summary>
    private static bool IsNameWord(Sentence sentence, int i, ExtractionRules rules)
    {
        if (i >= sentence.Count)
        {
            return false;
        }

        var token = sentence[i];
        if (rules.BaseNameExclusions.Contains(token.Norm))
        {
            return false;
        }

        // Arabic articles are written in lower case inside names: "al-Tanf", "ad-Dawr".
        var article = IsArabicArticle(sentence, i);
        return (token.IsWord && (token.StartsUpper || article)) || (token.IsNumber && token.Text.Length <= 3);
    }
}
