namespace IngestWorker.Core.Extraction;

/// <summary>
/// The tokens of one sentence and where it sits in the article, to cut its quote out on demand. The splitter
/// hands out one such object per text, its buffers filled anew for each sentence (see <see cref="Renewed"/>).
/// </summary>
internal sealed class Sentence(string text, List<Token> tokens, List<ulong> openedLists)
{
    /// <summary>The longest quote kept, ellipses included: a sentence can run for megabytes in a file without full stops.</summary>
    public const int MaxQuoteLength = 600;

    private string? _wholeQuote;

    /// <summary>The table the shared list of opened lists was filled from for this sentence, or null before it is asked.</summary>
    private FirstWordTable? _openedFrom;

    private List<Token> Tokens { get; } = tokens;

    public int Count => Tokens.Count;

    public Token this[int index] => Tokens[index];

    /// <summary>The same object, its tokens now those of the next sentence: what was worked out for the last one is dropped.</summary>
    public Sentence Renewed()
    {
        _wholeQuote = null;
        _openedFrom = null;
        return this;
    }

    /// <summary>
    /// False when the word at <paramref name="index"/> opens no phrase of the list of <paramref name="bit"/>
    /// in <paramref name="table"/>. Each word is looked up once per sentence, for all lists at once.
    /// </summary>
    public bool MayOpenPhrase(int index, FirstWordTable table, ulong bit)
    {
        if (bit == 0)
        {
            return true;
        }

        if (!ReferenceEquals(_openedFrom, table))
        {
            openedLists.Clear();
            foreach (var token in Tokens)
            {
                openedLists.Add(table.ListsOpenedBy(token.Norm));
            }

            _openedFrom = table;
        }

        return (openedLists[index] & bit) != 0;
    }

    /// <summary>
    /// The sentence as written, whitespace collapsed to single spaces. A sentence longer than
    /// <see cref="MaxQuoteLength"/> is cut to the whole words around the token at <paramref name="focus"/>
    /// (the figure or cue the quote stands for), with an ellipsis on each side that was cut.
    /// </summary>
    public string Quote(int focus)
    {
        if (Tokens.Count == 0)
        {
            return string.Empty;
        }

        var start = Tokens[0].Start;
        var end = Tokens[^1].End;
        if (end < text.Length && IsClosingQuote(text[end]))
        {
            end++;
        }

        if (end - start <= MaxQuoteLength)
        {
            // The whole sentence, whatever the focus: several claims of one sentence share one quote.
            return _wholeQuote ??= Collapse(start, end);
        }

        // Room for two ellipses; a third of it before the focus, since what names the figure mostly follows it.
        var room = MaxQuoteLength - 2;
        var center = Tokens[Math.Clamp(focus, 0, Tokens.Count - 1)].Start;
        var from = Math.Max(start, Math.Min(center - (room / 3), end - room));
        var to = Math.Min(end, from + room);
        var first = FirstTokenStartingAtOrAfter(from);
        var last = FirstTokenStartingAtOrAfter(to) - 1;
        while (last >= first && Tokens[last].End > to)
        {
            last--;
        }

        var (cutFrom, cutTo) = last >= first ? (Tokens[first].Start, Tokens[last].End) : WithoutSplitPairs(from, to);
        return (cutFrom > start ? "…" : string.Empty) + Collapse(cutFrom, cutTo) + (cutTo < end ? "…" : string.Empty);
    }

    private string Collapse(int start, int end)
    {
        // Quotes are cut to MaxQuoteLength, so the buffer fits on the stack: one string is all that is allocated.
        var buffer = end - start <= 1024 ? stackalloc char[end - start] : new char[end - start];
        var length = 0;
        var pendingSpace = false;
        for (var i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = text[i];
        }

        return new string(buffer[..length]);
    }

    /// <summary>The index of the first token starting at or after an offset (tokens are in text order); Count when none.</summary>
    private int FirstTokenStartingAtOrAfter(int offset)
    {
        int low = 0, high = Tokens.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Tokens[middle].Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A cut through one word longer than a quote, moved so it splits no surrogate pair.</summary>
    private (int From, int To) WithoutSplitPairs(int from, int to) =>
        (char.IsLowSurrogate(text[from]) ? from + 1 : from, char.IsHighSurrogate(text[to - 1]) ? to - 1 : to);

    /// <summary>True when the token at <paramref name="index"/> is a word with this normalised form.</summary>
    public bool Is(int index, string norm) => index >= 0 && index < Tokens.Count && Tokens[index].Norm == norm;

    private static bool IsClosingQuote(char c) => c is '"' or '\u201D' or '\u2019';
}
