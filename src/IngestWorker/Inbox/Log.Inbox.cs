using Microsoft.Extensions.Logging;

namespace IngestWorker;

/// <summary>Log messages of the inbox (1xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Ingested {FileName} as {StreamId}: {Title}")]
    public static partial void ArticleIngested(ILogger logger, string fileName, string streamId, string? title);

    [LoggerMessage(1002, LogLevel.Information, "Archived {FileName} as a duplicate of {StreamId}")]
    public static partial void DuplicateArchived(ILogger logger, string fileName, string streamId);

    [LoggerMessage(1003, LogLevel.Warning, "Rejected {FileName}: {Reason}")]
    public static partial void FileRejected(ILogger logger, string fileName, string reason);

    [LoggerMessage(1004, LogLevel.Error, "Inbox scan failed; retrying")]
    public static partial void ScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(1005, LogLevel.Information, "Watching {Inbox} (archive {Archive}, rejected {Rejected})")]
    public static partial void WatchingInbox(ILogger logger, string inbox, string archive, string rejected);

    [LoggerMessage(1006, LogLevel.Information, "Inbox batch: {Appended} new, {Duplicates} duplicates, {Rejected} rejected")]
    public static partial void BatchIngested(ILogger logger, int appended, int duplicates, int rejected);

    [LoggerMessage(1007, LogLevel.Warning, "{FileName} changed after it was read; it stays in the inbox to be read again")]
    public static partial void FileChangedWhileRead(ILogger logger, string fileName);

    [LoggerMessage(1008, LogLevel.Information, "{FileName} was already ingested as {StreamId} (recorded, then not moved: a stop or a full disk); archived now")]
    public static partial void AlreadyIngested(ILogger logger, string fileName, string streamId);

    [LoggerMessage(1009, LogLevel.Error, "Cannot move files into {Folder} ({Reason}); they stay in the inbox, and moving them is retried with back-off")]
    public static partial void MovesFailing(ILogger logger, string folder, string reason, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Files move into {Folder} again")]
    public static partial void MovesWorkAgain(ILogger logger, string folder);
}
