namespace IngestWorker.Core.Extraction;

internal enum TokenKind
{
    Word,
    Number,
    Punctuation,
    LineBreak,
}

/// <summary>A word, number or punctuation mark, with where it sits in the text so a quote can be cut out.</summary>
/// <param name="Text">As written.</param>
/// <param name="Norm">Lower case, curly apostrophes made straight: what phrases are matched on.</param>
/// <param name="Start">Offset of the first character in the article body.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Kind">Word, number, punctuation or line break.</param>
internal readonly record struct Token(string Text, string Norm, int Start, int End, TokenKind Kind)
{
    public bool IsWord => Kind == TokenKind.Word;

    public bool IsNumber => Kind == TokenKind.Number;

    public bool StartsUpper => Text.Length > 0 && char.IsUpper(Text[0]);
}
