namespace IngestWorker.Core.Articles;

/// <summary>
/// An article as received: the facts the log keeps. Claims are never stored here;
/// they are read out of <see cref="Body"/> by the extractor, so a rule change can re-read them.
/// </summary>
/// <param name="Title">Front matter <c>title</c>, else the first non-empty line; null if none.</param>
/// <param name="Published">The date the article gives for itself; never the file's time.</param>
/// <param name="Outlet">Front matter <c>outlet</c> (or <c>source</c>); null if none.</param>
/// <param name="Url">Front matter <c>url</c>; null if none.</param>
/// <param name="Body">The article text, line endings normalised to <c>\n</c> and trimmed.</param>
/// <param name="ContentHash"><c>sha256:</c> and the hex digest of <see cref="Body"/>: the idempotency key.</param>
public sealed record Article(
    string? Title,
    DateOnly? Published,
    string? Outlet,
    string? Url,
    string Body,
    string ContentHash)
{
    /// <summary>The event stream an article lives in: one stream per distinct text.</summary>
    public string StreamId => StreamIdFor(ContentHash);

    public static string StreamIdFor(string contentHash) =>
        "article-" + contentHash["sha256:".Length..];
}
