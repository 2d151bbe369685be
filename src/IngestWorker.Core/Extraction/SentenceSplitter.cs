namespace IngestWorker.Core.Extraction;

/// <summary>
/// Groups tokens into sentences in one streaming pass: a line break, a bullet, or a full stop followed
/// by something that can start a sentence ends one; a full stop after an abbreviation ("Oct.", "Gen.")
/// or an initial does not, unless the next word is one that opens sentences and never a name ("the U.S.
/// The embassy…" is two sentences, "the U.S. Army" one). Runaway "sentences" (no full stop for pages) are cut into bounded pieces so
/// every later step stays linear in the size of the article.
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>Longer than any sentence a person writes; keeps per-sentence work bounded.</summary>
    public const int MaxTokensPerSentence = 400;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "sen", "rep", "gov", "st",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
        "etc", "inc", "co", "corp", "jr", "sr", "brig", "cmdr", "pres", "prof", "ft", "mt", "approx",
    };

    /// <summary>
    /// Words that open a sentence and do not go on a name or a title, so after an abbreviation's full stop
    /// they start a new sentence: articles, pronouns, and the conjunctions a report begins a sentence with.
    /// </summary>
    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "it", "its", "they", "their", "he", "his", "she", "her", "we", "our", "this", "that",
        "these", "those", "there", "but", "however", "meanwhile",
    };

    /// <summary>What a full stop (or ! or ?) just read means for the sentence it is in.</summary>
    private enum Stop { None, Ends, EndsBeforeAnOpener }

    /// <summary>
    /// The sentences of the text, one at a time. One sentence object and its token buffer are reused for the
    /// next sentence, so a sentence is read before the next is asked for (quotes and claims are cut out of it
    /// then); reading the text does not allocate per sentence.
    /// </summary>
    public static IEnumerable<Sentence> Split(string text)
    {
        var current = new List<Token>(64);
        var openedLists = new List<ulong>(64);
        var sentence = new Sentence(text, current, openedLists);
        var stop = Stop.None;
        var (offset, sawBreak) = (0, false);
        while (Tokenizer.TryNext(text, ref offset, ref sawBreak, out var token))
        {
            if (token.Kind == TokenKind.LineBreak || token.Text == "\u2022")
            {
                if (current.Count > 0)
                {
                    yield return sentence.Renewed();
                    current.Clear();
                }

                stop = Stop.None;
                continue;
            }

            if (stop switch
                {
                    Stop.Ends => !(token.IsWord && !token.StartsUpper) && token.Text != ",",
                    Stop.EndsBeforeAnOpener => token.IsWord && token.StartsUpper && SentenceOpeners.Contains(token.Norm),
                    _ => false,
                })
            {
                yield return sentence.Renewed();
                current.Clear();
            }

            stop = Stop.None;
            current.Add(token);
            if (token.Kind == TokenKind.Punctuation && token.Text is "." or "!" or "?")
            {
                stop = FollowsAbbreviation(current) ? Stop.EndsBeforeAnOpener : Stop.Ends;
            }
            else if (token.IsWord && token.Text.EndsWith('.'))
            {
                // Dotted initials are one word ("U.S."), their last dot may also end the sentence.
                stop = Stop.EndsBeforeAnOpener;
            }

            if (current.Count >= MaxTokensPerSentence)
            {
                yield return sentence.Renewed();
                current.Clear();
                stop = Stop.None;
            }
        }

        if (current.Count > 0)
        {
            yield return sentence.Renewed();
        }
    }

    private static bool FollowsAbbreviation(List<Token> tokens)
    {
        if (tokens.Count < 2)
        {
            return false;
        }

        var before = tokens[^2];
        return before.IsWord
            && before.End == tokens[^1].Start
            && (Abbreviations.Contains(before.Norm) || (before.Text.Length == 1 && char.IsUpper(before.Text[0])));
    }
}
