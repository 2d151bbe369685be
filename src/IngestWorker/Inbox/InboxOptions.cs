namespace IngestWorker.Inbox;

/// <summary>Where files arrive and go, and how patiently the inbox waits for a writer to finish.</summary>
public sealed class InboxOptions
{
    public string InboxFolder { get; set; } = "inbox";

    /// <summary>Defaults to <c>archive/</c> beside the inbox.</summary>
    public string? ArchiveFolder { get; set; }

    /// <summary>Defaults to <c>rejected/</c> beside the inbox.</summary>
    public string? RejectedFolder { get; set; }

    /// <summary>
    /// A file is taken once it is at least this old and its size and time have not changed for this long
    /// (Filebeat and NiFi wait the same way): a file still being written is not taken half-written.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Watchers miss events (overflow, network folders): the folder is also listed this often.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A larger file is refused unread: an article is some kilobytes, and a one-line file of megabytes
    /// becomes a title, a body and quotes that every read model and answer would carry.
    /// </summary>
    public long MaxFileBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Refuse a file with more than one name: a hard link made in the inbox to a file elsewhere would have the
    /// worker read what the person who dropped it may not.
    /// </summary>
    public bool RefuseHardLinks { get; set; } = true;

    /// <summary>Refuse a file that belongs to another user than the one the worker runs as.</summary>
    public bool RefuseOtherOwners { get; set; } = true;

    internal InboxFile.Limits ReadLimits => new(MaxFileBytes, FollowLinks: false, RefuseHardLinks, RefuseOtherOwners);

    /// <summary>
    /// The longest the reading of one file may take. Reading is linear in the size of the file, so this is
    /// a backstop: a file over it is refused with that reason, and the others go on.
    /// </summary>
    public TimeSpan ReadBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many files go into one transaction of the log.</summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>Test seam: runs after the log committed a batch and before its files move.</summary>
    internal Func<IReadOnlyList<string>, CancellationToken, Task>? AfterCommit { get; set; }

    public string ResolvedInbox => Path.GetFullPath(InboxFolder);

    public string ResolvedArchive => Path.GetFullPath(ArchiveFolder ?? Path.Combine(Beside(), "archive"));

    public string ResolvedRejected => Path.GetFullPath(RejectedFolder ?? Path.Combine(Beside(), "rejected"));

    private string Beside() => Path.GetDirectoryName(ResolvedInbox.TrimEnd(Path.DirectorySeparatorChar)) ?? ResolvedInbox;

    /// <summary>Dotfiles and files still being written under a temporary name are not articles yet.</summary>
    public static bool IsCandidate(string fileName) =>
        !fileName.StartsWith('.')
        && !fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        && !fileName.EndsWith(".part", StringComparison.OrdinalIgnoreCase);
}
