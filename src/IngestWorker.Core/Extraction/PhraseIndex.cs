namespace IngestWorker.Core.Extraction;

/// <summary>
/// Finds the phrases of one rules list in a sentence, word by word and case-insensitively. Phrases are
/// indexed by their first word, so a lookup costs the few phrases that start with the word at hand.
/// A phrase may hold "..." for a short gap of any words ("shift ... to" matches "shift most of their
/// personnel to").
/// </summary>
internal sealed class PhraseIndex<T>
{
    /// <summary>How many words a "..." in a phrase may stand for.</summary>
    public const int MaxGap = 5;

    private readonly Dictionary<string, List<Entry>> _byFirstWord = new(StringComparer.Ordinal);

    /// <summary>
    /// Phrases opening with two words, by both: frames write many phrases opening with "will", "to", "is" or
    /// "was", and a word that opens dozens of them should cost only the few that share its second word.
    /// </summary>
    private readonly Dictionary<string, Dictionary<string, List<Entry>>> _byFirstTwoWords = new(StringComparer.Ordinal);

    private static readonly List<Entry> NoEntries = [];

    /// <summary>Phrases without a gap by their words joined with spaces, for a name put together from its shape.</summary>
    private readonly Dictionary<string, T> _byWords = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>The words of a phrase as the matcher sees them; empty when the phrase has none.</summary>
    public static string[][] Segments(string phrase) =>
        phrase.Split("...", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => Tokenizer.Tokenize(segment).Where(t => t.Kind != TokenKind.LineBreak).Select(t => t.Norm).ToArray())
            .Where(words => words.Length > 0)
            .ToArray();

    public void Add(string phrase, T value)
    {
        var segments = Segments(phrase);
        if (segments.Length == 0)
        {
            return;
        }

        var first = segments[0][0];
        List<Entry>? entries;
        if (segments[0].Length >= 2)
        {
            if (!_byFirstTwoWords.TryGetValue(first, out var bySecond))
            {
                bySecond = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
                _byFirstTwoWords[first] = bySecond;
            }

            if (!bySecond.TryGetValue(segments[0][1], out entries))
            {
                entries = [];
                bySecond[segments[0][1]] = entries;
            }
        }
        else if (!_byFirstWord.TryGetValue(first, out entries))
        {
            entries = [];
            _byFirstWord[first] = entries;
        }

        entries.Add(new Entry(segments, value, segments.Sum(s => s.Length)));
        if (segments.Length == 1)
        {
            _byWords.TryAdd(string.Join(' ', segments[0]), value);
        }

        entries.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        Count++;
    }

    /// <summary>The value of a phrase written with exactly these words (normalised as the tokenizer does, joined by spaces).</summary>
    public bool TryGetByWords(string words, out T value) => _byWords.TryGetValue(words, out value!);

    /// <summary>The longest phrase starting at <paramref name="start"/>, if any.</summary>
    public bool TryMatch(Sentence sentence, int start, out PhraseMatch<T> match)
    {
        match = default;
        if (start < 0 || start >= sentence.Count)
        {
            return false;
        }

        var first = sentence[start].Norm;
        var one = _byFirstWord.TryGetValue(first, out var byOne) ? byOne : NoEntries;
        var two = start + 1 < sentence.Count && _byFirstTwoWords.TryGetValue(first, out var bySecond)
            && bySecond.TryGetValue(sentence[start + 1].Norm, out var byTwo) ? byTwo : NoEntries;

        // Both lists are longest first; walking them together keeps "the longest phrase wins".
        var (a, b) = (0, 0);
        while (a < two.Count || b < one.Count)
        {
            var entry = b >= one.Count || (a < two.Count && two[a].Weight >= one[b].Weight) ? two[a++] : one[b++];
            if (TryMatchEntry(sentence, start, entry, out var end))
            {
                match = new PhraseMatch<T>(start, end, entry.Value);
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a phrase ends exactly at <paramref name="end"/> (the longest such one is returned).</summary>
    public bool TryMatchEndingAt(Sentence sentence, int end, int maxWords, out PhraseMatch<T> match)
    {
        match = default;
        for (var length = maxWords; length >= 1; length--)
        {
            if (TryMatch(sentence, end - length, out var candidate) && candidate.End == end)
            {
                match = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Every phrase in the sentence, left to right, longest first, never overlapping.</summary>
    public List<PhraseMatch<T>> FindAll(Sentence sentence)
    {
        var found = new List<PhraseMatch<T>>();
        var i = 0;
        while (i < sentence.Count)
        {
            if (TryMatch(sentence, i, out var match))
            {
                found.Add(match);
                i = match.End;
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    private static bool TryMatchEntry(Sentence sentence, int start, Entry entry, out int end)
    {
        end = start;
        var position = start;
        for (var s = 0; s < entry.Segments.Length; s++)
        {
            var segment = entry.Segments[s];
            var found = -1;
            var lastStart = s == 0 ? position : Math.Min(position + MaxGap, sentence.Count - 1);
            for (var candidate = position; candidate <= lastStart; candidate++)
            {
                if (candidate > position && sentence[candidate - 1].Kind == TokenKind.Punctuation)
                {
                    break;
                }

                if (SegmentAt(sentence, candidate, segment))
                {
                    found = candidate;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            position = found + segment.Length;
        }

        end = position;
        return true;
    }

    private static bool SegmentAt(Sentence sentence, int start, string[] words)
    {
        if (start + words.Length > sentence.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (!string.Equals(sentence[start + k].Norm, words[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(string[][] Segments, T Value, int Weight);
}
