namespace IngestWorker.Core.Extraction;

/// <summary>
/// Splits text into tokens in one linear pass. Hyphens are tokens of their own so that "U.S.-led",
/// "Al-Asad" and "twenty-five" match phrases written the same way in the rules; quotation marks are
/// dropped because they never change what a sentence claims.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Every token of the text; for rules and tests. The splitter reads with <see cref="TryNext"/>, which allocates nothing.</summary>
    public static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        var sawBreak = false;
        while (TryNext(text, ref i, ref sawBreak, out var token))
        {
            yield return token;
        }
    }

    /// <summary>
    /// The token at or after offset <paramref name="i"/>, which moves past it; false at the end of the text.
    /// <paramref name="sawBreak"/> carries between calls whether a line break was just given, so a run of them is one.
    /// </summary>
    public static bool TryNext(string text, ref int i, ref bool sawBreak, out Token token)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                i++;
                if (!sawBreak)
                {
                    sawBreak = true;
                    token = new Token("\n", "\n", i - 1, i, TokenKind.LineBreak);
                    return true;
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || IsQuote(c) || char.IsControl(c) || char.IsSurrogate(c))
            {
                i++;
                continue;
            }

            sawBreak = false;
            var start = i;
            if (IsApostrophe(c) && i + 1 < text.Length && (text[i + 1] == 's' || text[i + 1] == 'S') && !IsLetterOrDigit(text, i + 2))
            {
                i += 2;
                token = Make(text, start, i, TokenKind.Word);
                return true;
            }

            if (IsApostrophe(c))
            {
                i++;
                continue;
            }

            if (char.IsDigit(c))
            {
                i = ReadNumber(text, start);
                if (i < text.Length && char.IsLetter(text[i]))
                {
                    i = ReadWord(text, i);
                    token = Make(text, start, i, TokenKind.Word);
                }
                else
                {
                    token = Make(text, start, i, TokenKind.Number);
                }

                return true;
            }

            if (char.IsLetter(c))
            {
                i = ReadWord(text, start);
                token = Make(text, start, i, TokenKind.Word);
                return true;
            }

            i++;
            token = Make(text, start, i, TokenKind.Punctuation);
            return true;
        }

        token = default;
        return false;
    }

    /// <summary>Digits with thousands separators or a decimal point between digits: "2,500", "1.5".</summary>
    private static int ReadNumber(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            if (char.IsDigit(text[i]))
            {
                i++;
            }
            else if ((text[i] == ',' || text[i] == '.') && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>
    /// Letters and digits, an apostrophe inside a word ("Sa'ad"), and dotted initials kept whole ("U.S.", "U.N.")
    /// so their dots do not end a sentence. A trailing "'s" is left for its own token.
    /// </summary>
    private static int ReadWord(string text, int start)
    {
        if (IsInitialWithDot(text, start) && IsInitialWithDot(text, start + 2))
        {
            var end = start;
            while (IsInitialWithDot(text, end))
            {
                end += 2;
            }

            return end;
        }

        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                i++;
            }
            else if (IsApostrophe(c) && IsLetterOrDigit(text, i + 1)
                && !((text[i + 1] == 's' || text[i + 1] == 'S') && !IsLetterOrDigit(text, i + 2)))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>One letter followed by a dot: the "U." and "S." of "U.S.".</summary>
    private static bool IsInitialWithDot(string text, int i) =>
        i + 1 < text.Length && char.IsLetter(text[i]) && text[i + 1] == '.';

    private static Token Make(string text, int start, int end, TokenKind kind)
    {
        var (raw, norm) = TokenStrings.Current.Strings(text.AsSpan(start, end - start), kind == TokenKind.Word);
        return new Token(raw, norm, start, end, kind);
    }

    private static bool IsLetterOrDigit(string text, int i) => i < text.Length && char.IsLetterOrDigit(text[i]);

    private static bool IsLetter(string text, int i) => i < text.Length && char.IsLetter(text[i]);

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u2018' or '\u00AB' or '\u00BB' or '`';
}
