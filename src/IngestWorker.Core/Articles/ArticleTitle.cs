namespace IngestWorker.Core.Articles;

/// <summary>
/// Keeps a title to a length a table, a log line and an API answer can carry: a one-line article of
/// megabytes would otherwise be its own title, stored, listed and served in full.
/// </summary>
public static class ArticleTitle
{
    /// <summary>The longest title kept, the ellipsis included.</summary>
    public const int MaxLength = 300;

    /// <summary>The title as it is when short enough; else cut at the last word that fits, with an ellipsis.</summary>
    public static string Bound(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.Length <= MaxLength)
        {
            return title;
        }

        // Room for the ellipsis; a cut in the first half would throw away too much, so a long word is cut through.
        var room = MaxLength - 1;
        var space = title.LastIndexOf(' ', room);
        var cut = space >= room / 2 ? space : room;
        if (char.IsHighSurrogate(title[cut - 1]))
        {
            cut--;
        }

        return title[..cut].TrimEnd() + "…";
    }
}
