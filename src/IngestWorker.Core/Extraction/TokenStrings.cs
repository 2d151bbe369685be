namespace IngestWorker.Core.Extraction;

/// <summary>
/// The strings of tokens, made once per thread and shared by every article read on it: news text repeats a
/// small vocabulary, so a word's text and normalised form are found here instead of allocated again. The
/// pool is bounded; when full it starts over, so memory stays flat whatever is read.
/// </summary>
internal sealed class TokenStrings
{
    /// <summary>Distinct words kept before the pool starts over.</summary>
    private const int MaxEntries = 20_000;

    /// <summary>Longer runs (a URL, a stray blob) are rare and not worth keeping.</summary>
    private const int MaxPooledLength = 48;

    [ThreadStatic]
    private static TokenStrings? _current;

    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _textsBySpan;
    private readonly Dictionary<string, string> _norms = new(StringComparer.Ordinal);

    private TokenStrings() => _textsBySpan = _texts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pool of the calling thread.</summary>
    public static TokenStrings Current => _current ??= new TokenStrings();

    /// <summary>The text as a string, the same instance each time it is asked for.</summary>
    public string Text(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }

        if (_textsBySpan.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        if (_texts.Count >= MaxEntries)
        {
            _texts.Clear();
            _norms.Clear();
        }

        pooled = text.ToString();
        _texts.Add(pooled, pooled);
        return pooled;
    }

    /// <summary>A word lower-cased with curly apostrophes made straight: what phrases are matched on.</summary>
    public string Norm(string word)
    {
        if (_norms.TryGetValue(word, out var norm))
        {
            return norm;
        }

        norm = word.ToLowerInvariant().Replace('\u2019', '\'');
        if (word.Length <= MaxPooledLength)
        {
            _norms[word] = norm;
        }

        return norm;
    }
}
