using System.Text;

namespace IngestWorker.Core.Extraction;

/// <summary>The tokens of one sentence and where it sits in the article, to cut its quote out on demand.</summary>
internal sealed class Sentence(string text, IReadOnlyList<Token> tokens)
{
    public IReadOnlyList<Token> Tokens { get; } = tokens;

    public int Count => Tokens.Count;

    public Token this[int index] => Tokens[index];

    /// <summary>The sentence as written, whitespace collapsed to single spaces.</summary>
    public string Quote()
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

        var quote = new StringBuilder(end - start);
        var pendingSpace = false;
        for (var i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                pendingSpace = quote.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                quote.Append(' ');
                pendingSpace = false;
            }

            quote.Append(text[i]);
        }

        return quote.ToString();
    }

    /// <summary>True when the token at <paramref name="index"/> is a word with this normalised form.</summary>
    public bool Is(int index, string norm) => index >= 0 && index < Tokens.Count && Tokens[index].Norm == norm;

    private static bool IsClosingQuote(char c) => c is '"' or '\u201D' or '\u2019';
}
