namespace IngestWorker.Inbox;

/// <summary>How many files wait in the inbox, as <c>status</c> shows it.</summary>
public static class InboxBacklog
{
    /// <returns>Null when there is no inbox to look at (not configured, or no such folder here).</returns>
    public static int? Count(InboxOptions? inbox)
    {
        if (inbox is null || !Directory.Exists(inbox.ResolvedInbox))
        {
            return null;
        }

        return new DirectoryInfo(inbox.ResolvedInbox).EnumerateFiles().Count(file => InboxOptions.IsCandidate(file.Name));
    }
}
