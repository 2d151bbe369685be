namespace IngestWorker.Claims;

/// <summary>Who said it: the article a claim was read from.</summary>
/// <param name="CopyOf">The stream id of the article this one copies (the same wire report); null for an original.</param>
public sealed record ClaimSourceView(string StreamId, string? Title, string? Outlet, DateOnly? Published, DateTimeOffset ReceivedAt, string? CopyOf = null)
{
    /// <summary>The report this article carries: its original's stream id, or its own.</summary>
    public string Report => CopyOf ?? StreamId;
}
