namespace IngestWorker.Inbox;

/// <summary>An article arrived: the text as received, never the numbers read out of it.</summary>
public sealed record ArticleReceived(
    string FileName,
    string? Title,
    DateOnly? Published,
    string? Outlet,
    string? Url,
    string Body,
    string ContentHash,
    long FileBytes);

/// <summary>A dropped file could not be taken as an article; appended to the <c>inbox</c> stream.</summary>
public sealed record ArticleRejected(string FileName, string Reason, long FileBytes);

public static class InboxStreams
{
    /// <summary>The shared stream of what the inbox refused.</summary>
    public const string Rejections = "inbox";
}
