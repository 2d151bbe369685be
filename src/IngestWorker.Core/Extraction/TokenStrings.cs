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

    /// <summary>Each text as written, with its normalised form once a word asked for it.</summary>
    private readonly Dictionary<string, Pooled> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pooled>.AlternateLookup<ReadOnlySpan<char>> _textsBySpan;

    private TokenStrings() => _textsBySpan = _texts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pool of the calling thread.</summary>
    public static TokenStrings Current => _current ??= new TokenStrings();

    /// <summary>
    /// The text as a string, the same instance each time it is asked for, and the form phrases are matched on:
    /// for a word lower-cased with curly apostrophes made straight, else the text itself. One lookup finds both.
    /// </summary>
    public (string Text, string Norm) Strings(ReadOnlySpan<char> text, bool isWord)
    {
        if (text.Length > MaxPooledLength)
        {
            var whole = text.ToString();
            return (whole, isWord ? Normalise(whole) : whole);
        }

        if (!_textsBySpan.TryGetValue(text, out var pooled))
        {
            if (_texts.Count >= MaxEntries)
            {
                _texts.Clear();
            }

            var made = text.ToString();
            pooled = new Pooled(made);
            _texts.Add(made, pooled);
        }

        return (pooled.Text, isWord ? pooled.Norm ??= Normalise(pooled.Text) : pooled.Text);
    }

    private static string Normalise(string word) => word.ToLowerInvariant().Replace('\u2019', '\'');

    private sealed class Pooled(string text)
    {
        public string Text { get; } = text;

        public string? Norm { get; set; }
    }
}
