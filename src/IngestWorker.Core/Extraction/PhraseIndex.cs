namespace IngestWorker.Core.Extraction;

/// <summary>
/// Finds the phrases of one rules list in a sentence, word by word and case-insensitively. Phrases are
/// indexed by their first word, so a lookup costs the few phrases that start with the word at hand, and
/// adding a phrase costs the same whatever the index already holds (a gazetteer of thousands loads in
/// linear time).
/// A phrase may hold "..." for a short gap of any words ("shift ... to" matches "shift most of their
/// personnel to").
/// </summary>
internal sealed class PhraseIndex<T>(FirstWordTable firstWords)
{
    /// <summary>How many words a "..." in a phrase may stand for.</summary>
    public const int MaxGap = 5;

    private static readonly List<PhraseMatch<T>> NoMatches = [];

    private readonly Dictionary<string, StartingWith> _byFirstWord = new(StringComparer.Ordinal);

    private readonly FirstWordTable _firstWords = firstWords;

    /// <summary>This list's bit in the rules' table of opening words.</summary>
    private readonly ulong _bit = firstWords.Register();

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
        if (!_byFirstWord.TryGetValue(first, out var entries))
        {
            entries = new StartingWith();
            _byFirstWord[first] = entries;
            _firstWords.Add(first, _bit);
        }

        entries.Add(new Entry(segments, value, segments.Sum(s => s.Length)));
        if (segments.Length == 1)
        {
            _byWords.TryAdd(string.Join(' ', segments[0]), value);
        }

        Count++;
    }

    /// <summary>The value of a phrase written with exactly these words (normalised as the tokenizer does, joined by spaces).</summary>
    public bool TryGetByWords(string words, out T value) => _byWords.TryGetValue(words, out value!);

    /// <summary>The longest phrase starting at <paramref name="start"/>, if any.</summary>
    public bool TryMatch(Sentence sentence, int start, out PhraseMatch<T> match)
    {
        match = default;
        if (start < 0 || start >= sentence.Count || !sentence.MayOpenPhrase(start, _firstWords, _bit)
            || !_byFirstWord.TryGetValue(sentence[start].Norm, out var entries))
        {
            return false;
        }

        for (var weight = entries.MaxWeight; weight >= 1; weight--)
        {
            if (entries.OfWeight(weight) is not { } ofWeight)
            {
                continue;
            }

            foreach (var entry in ofWeight)
            {
                if (TryMatchEntry(sentence, start, entry, out var end))
                {
                    match = new PhraseMatch<T>(start, end, entry.Value);
                    return true;
                }
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

    /// <summary>
    /// Every phrase of the sentence, left to right, not overlapping. Most sentences have none of a list's
    /// phrases: they all get one shared empty list, which no caller may change.
    /// </summary>
    public List<PhraseMatch<T>> FindAll(Sentence sentence)
    {
        List<PhraseMatch<T>>? found = null;
        var i = 0;
        while (i < sentence.Count)
        {
            if (TryMatch(sentence, i, out var match))
            {
                (found ??= []).Add(match);
                i = match.End;
            }
            else
            {
                i++;
            }
        }

        return found ?? NoMatches;
    }

    /// <summary>Whether any phrase of the list is in the sentence.</summary>
    public bool AnyIn(Sentence sentence)
    {
        for (var i = 0; i < sentence.Count; i++)
        {
            if (TryMatch(sentence, i, out _))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// The phrases opening with one word, kept by their number of words: tried longest first and, among
    /// equally long ones, in the order written. Adding one never moves the others.
    /// </summary>
    private sealed class StartingWith
    {
        private List<Entry>?[] _byWeight = new List<Entry>?[8];

        public int MaxWeight { get; private set; }

        public List<Entry>? OfWeight(int weight) => _byWeight[weight];

        public void Add(Entry entry)
        {
            if (entry.Weight >= _byWeight.Length)
            {
                Array.Resize(ref _byWeight, Math.Max(entry.Weight + 1, _byWeight.Length * 2));
            }

            (_byWeight[entry.Weight] ??= []).Add(entry);
            MaxWeight = Math.Max(MaxWeight, entry.Weight);
        }
    }
}
