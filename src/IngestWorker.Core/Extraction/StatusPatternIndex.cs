namespace IngestWorker.Core.Extraction;

/// <summary>
/// The status patterns of a rules file, indexed by the word they open with (or, for those opening with a
/// slot, by the slot), so a sentence is read in one pass and only the few patterns that can start at a
/// token are tried there.
/// </summary>
internal sealed class StatusPatternIndex(FirstWordTable firstWords)
{
    /// <summary>What most sentences hold: no pattern. Shared, so no caller may change it.</summary>
    private static readonly List<PatternHit> NoHits = [];

    private readonly FirstWordTable _firstWords = firstWords;

    /// <summary>This index's bit in the rules' table of opening words.</summary>
    private readonly ulong _bit = firstWords.Register();

    private readonly Dictionary<string, List<StatusPattern>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<SlotKind, List<StatusPattern>> _byFirstSlot = [];

    public int Count { get; private set; }

    public void Add(StatusPattern pattern)
    {
        List<StatusPattern>? list;
        if (pattern.FirstWord is { } word)
        {
            if (!_byFirstWord.TryGetValue(word, out list))
            {
                list = [];
                _byFirstWord[word] = list;
                _firstWords.Add(word, _bit);
            }
        }
        else if (!_byFirstSlot.TryGetValue(pattern.FirstSlot, out list))
        {
            list = [];
            _byFirstSlot[pattern.FirstSlot] = list;
        }

        list.Add(pattern);
        Count++;
    }

    /// <summary>Every pattern match in the sentence, left to right; at one start the pattern written first wins.</summary>
    public List<PatternHit> FindAll(SentenceFacts facts, ExtractionRules rules)
    {
        if (Count == 0)
        {
            return NoHits;
        }

        var sentence = facts.Sentence;

        // Every pattern needs a site: a sentence naming none, and with no "there" or "it", has no match.
        if (facts.Places.Count == 0 && !HasPronoun(sentence))
        {
            return NoHits;
        }

        List<PatternHit>? hits = null;
        var slotFirst = _byFirstSlot.Count > 0;
        for (var i = 0; i < sentence.Count; i++)
        {
            if (sentence.MayOpenPhrase(i, _firstWords, _bit) && _byFirstWord.TryGetValue(sentence[i].Norm, out var byWord)
                && First(byWord, facts, rules, i) is { } wordHit)
            {
                (hits ??= []).Add(wordHit);
                continue;
            }

            if (slotFirst && SlotCanStart(facts, rules, i, _byFirstSlot.ContainsKey(SlotKind.Force)) is { } slot
                && _byFirstSlot.TryGetValue(slot, out var bySlot) && First(bySlot, facts, rules, i) is { } slotHit)
            {
                (hits ??= []).Add(slotHit);
            }
        }

        return hits ?? NoHits;
    }

    private static PatternHit? First(List<StatusPattern> patterns, SentenceFacts facts, ExtractionRules rules, int start)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.MatchAt(facts, rules, start) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }

    private static bool HasPronoun(Sentence sentence)
    {
        for (var i = 0; i < sentence.Count; i++)
        {
            if (sentence[i].Norm is "there" or "it")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Which slot could open at token <paramref name="i"/>: a site (or "the" before one, or a pronoun), a force.</summary>
    private static SlotKind? SlotCanStart(SentenceFacts facts, ExtractionRules rules, int i, bool forces)
    {
        var sentence = facts.Sentence;
        if (sentence[i].Norm is "there" or "it" || (facts.PlaceAt(i) is { } mention && mention.Start == i && !sentence.Is(i - 1, "the"))
            || (sentence.Is(i, "the") && facts.PlaceAt(i + 1) is { } after && after.Start == i + 1))
        {
            return SlotKind.Base;
        }

        return forces && rules.Forces.TryMatch(sentence, i, out _) ? SlotKind.Force : null;
    }
}
