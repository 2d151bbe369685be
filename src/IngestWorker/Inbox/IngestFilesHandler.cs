using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.EventStore;
using Marten;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Inbox;

/// <summary>Settled files of the inbox to take into the log, oldest name first.</summary>
public sealed record FilesToIngest(IReadOnlyList<string> Paths);

/// <summary>What became of a batch of files.</summary>
/// <param name="Rejections">The code of each file refused, so the rejections can be counted by code.</param>
public sealed record IngestOutcome(int Appended, int Duplicates, IReadOnlyList<RejectionCode> Rejections)
{
    public int Rejected => Rejections.Count;
}

/// <summary>
/// The Wolverine handler that takes a batch of settled files into the log. The inbox is the durable
/// queue: a file leaves it only after its event committed, so a crash (or a full disk) in between shows the
/// file again, and it is then found in the log under its own name and archived. Transient database faults are retried by Wolverine's error policies
/// (<see cref="Hosting.WorkerApp"/>); a retried append whose first try did commit meets its own stream,
/// so it is a duplicate, never a double.
/// </summary>
public sealed class IngestFilesHandler(IDocumentStore store, InboxOptions options, IFileMover mover, InboxHealth health, ILogger<IngestFilesHandler> logger)
{
    /// <param name="Seen">Its size and time when it was read: it moves only if it still has them.</param>
    private sealed record Accepted(string Path, Article Article, long Bytes, (long Length, DateTime WrittenAt) Seen);

    /// <param name="Content">A digest of the bytes when they were read, so the same refused file is recognised again.</param>
    private sealed record Refused(string Path, string Reason, RejectionCode Code, long Bytes, (long Length, DateTime WrittenAt) Seen, string? Content = null)
    {
        /// <summary>
        /// One stream per refused file (its name, size, content and reason): a crash between recording the
        /// rejection and moving the file records it once, not twice, when the file is seen again.
        /// </summary>
        public string StreamId => "rejected-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\0', System.IO.Path.GetFileName(Path), Reason, Bytes.ToString(CultureInfo.InvariantCulture), Content ?? string.Empty))))[..32];
    }

    public async Task<IngestOutcome> Handle(FilesToIngest command, CancellationToken ct)
    {
        var accepted = new List<Accepted>();
        var refused = new List<Refused>();
        foreach (var looked in ReadAll(command.Paths, ct))
        {
            switch (looked)
            {
                case Accepted a: accepted.Add(a); break;
                case Refused r: refused.Add(r); break;
            }
        }

        // The same text twice in one batch, or already in the log, is one article.
        var known = await ExistingStreamsAsync(accepted.Select(a => a.Article.StreamId).ToArray(), ct);
        var fresh = new List<Accepted>();
        var duplicates = new List<Accepted>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in accepted)
        {
            (known.Contains(file.Article.StreamId) || !inBatch.Add(file.Article.StreamId) ? duplicates : fresh).Add(file);
        }

        var (appended, raced) = await StartStreamsAsync(fresh, a => a.Article.StreamId, ToEvent, ct);
        duplicates.AddRange(raced);
        await StartStreamsAsync(refused, r => r.StreamId, r => new ArticleRejected(Path.GetFileName(r.Path), r.Reason, r.Bytes, r.Code), ct);

        if (options.AfterCommit is { } afterCommit)
        {
            await afterCommit(command.Paths, ct);
        }

        // A file written to after it was read stays in the inbox, to be read again in its new state; one that is
        // gone was taken by another worker on this inbox, which archives it.
        bool Unchanged(string path, (long, DateTime) seen)
        {
            var now = InboxFile.Look(path);
            if (now != seen && now.Length >= 0)
            {
                Log.FileChangedWhileRead(logger, Path.GetFileName(path));
            }

            return now == seen;
        }

        appended.RemoveAll(file => !Unchanged(file.Path, file.Seen));
        duplicates.RemoveAll(file => !Unchanged(file.Path, file.Seen));
        refused.RemoveAll(file => !Unchanged(file.Path, file.Seen));

        // A file recorded before the worker stopped, and never moved, is no duplicate of itself: it goes where it would have gone.
        var ownRecord = await RecordedUnderTheirOwnNameAsync(duplicates, ct);
        foreach (var file in appended)
        {
            if (TryMove(file.Path, options.ResolvedArchive) is not null)
            {
                Log.ArticleIngested(logger, Path.GetFileName(file.Path), file.Article.StreamId[..20], Shorten(file.Article.Title));
            }
        }

        foreach (var file in duplicates)
        {
            if (ownRecord.Contains(file.Article.StreamId))
            {
                if (TryMove(file.Path, options.ResolvedArchive) is not null)
                {
                    Log.AlreadyIngested(logger, Path.GetFileName(file.Path), file.Article.StreamId);
                }
            }
            else if (TryMove(file.Path, Path.Combine(options.ResolvedArchive, "duplicates")) is not null)
            {
                Log.DuplicateArchived(logger, Path.GetFileName(file.Path), file.Article.StreamId);
            }
        }

        foreach (var file in refused)
        {
            if (TryMove(file.Path, options.ResolvedRejected) is { } moved)
            {
                await WriteReasonAsync(moved, $"{Path.GetFileName(file.Path)} was rejected: {file.Reason}{Environment.NewLine}", ct);
                Log.FileRejected(logger, Path.GetFileName(file.Path), file.Reason);
            }
        }

        return new IngestOutcome(appended.Count, duplicates.Count, refused.Select(file => file.Code).ToList());
    }

    /// <summary>
    /// Moves a file out of the inbox. A file that cannot be moved (a full disk) stays where it is, to be moved
    /// once the watcher tries again: its event is in the log, so it is then found there and moved on.
    /// </summary>
    /// <returns>Where the file went; null when it stayed, or another worker took it first.</returns>
    private string? TryMove(string path, string folder)
    {
        try
        {
            var moved = mover.MoveInto(path, folder);
            if (health.MoveSucceeded(folder))
            {
                Log.MovesWorkAgain(logger, folder);
            }

            return moved;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (health.MoveFailed(folder, e))
            {
                Log.MovesFailing(logger, folder, e.Message, e);
            }

            return null;
        }
    }

    /// <summary>Writes the reason beside a rejected file; on a full disk, leaves no empty or cut reason behind.</summary>
    private async Task WriteReasonAsync(string rejectedPath, string reason, CancellationToken ct)
    {
        var reasonPath = rejectedPath + ".reason.txt";
        try
        {
            await File.WriteAllTextAsync(reasonPath, reason, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(reasonPath);
            if (health.MoveFailed(Path.GetDirectoryName(rejectedPath)!, e))
            {
                Log.MovesFailing(logger, Path.GetDirectoryName(rejectedPath)!, e.Message, e);
            }
        }
    }

    /// <summary>
    /// The articles, among files found in the log already, whose first event has this very file's name while
    /// no file of that name is in <c>archive/</c>: the worker recorded them and stopped before moving them.
    /// </summary>
    private async Task<HashSet<string>> RecordedUnderTheirOwnNameAsync(List<Accepted> duplicates, CancellationToken ct)
    {
        var candidates = duplicates.Where(file => !File.Exists(Path.Combine(options.ResolvedArchive, Path.GetFileName(file.Path)))).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        await using var session = store.QuerySession();
        var recorded = await session.AdvancedSql.QueryAsync<string>(
            LogSql.StreamsStartedFromTheirFile,
            ct,
            candidates.Select(file => file.Article.StreamId).ToArray(),
            candidates.Select(file => Path.GetFileName(file.Path)).ToArray());
        return recorded.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads the files of a batch on every core, this thread one of them (reading is parsing and hashing: CPU,
    /// not the disk), each result in its file's place, so the batch is recorded in the order of its names.
    /// </summary>
    private object[] ReadAll(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var results = new object[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = Read(paths[i], ct));
        return results;
    }

    private async Task<HashSet<string>> ExistingStreamsAsync(string[] streamIds, CancellationToken ct)
    {
        if (streamIds.Length == 0)
        {
            return [];
        }

        await using var session = store.QuerySession();
        var existing = await session.AdvancedSql.QueryAsync<string>(
            LogSql.ExistingStreams, ct, (object)streamIds);
        return existing.ToHashSet(StringComparer.Ordinal);
    }

    /// <returns>The files whose stream this call started, and those whose stream was there already.</returns>
    private async Task<(List<T> Started, List<T> Existing)> StartStreamsAsync<T>(
        List<T> files, Func<T, string> streamOf, Func<T, object> eventOf, CancellationToken ct)
        where T : class
    {
        var existing = new HashSet<T>(await StreamStarts.StartAsync(store, files, streamOf, eventOf, ct), ReferenceEqualityComparer.Instance);
        return (files.Where(file => !existing.Contains(file)).ToList(), files.Where(existing.Contains).ToList());
    }

    private static ArticleReceived ToEvent(Accepted file) => new(
        Path.GetFileName(file.Path),
        file.Article.Title,
        file.Article.Published,
        file.Article.Outlet,
        file.Article.Url,
        file.Article.Body,
        file.Article.ContentHash,
        file.Bytes);

    private static string? Shorten(string? title) => title is { Length: > 80 } ? title[..79] + "…" : title;

    /// <summary>A file another worker took between the scan and the read.</summary>
    private sealed class Gone
    {
        public static readonly Gone Instance = new();
    }

    private object Read(string path, CancellationToken ct)
    {
        var seen = InboxFile.Look(path);
        if (seen.Length < 0)
        {
            return Gone.Instance;
        }

        object looked;
        try
        {
            looked = InboxFile.Read(path, options.ReadLimits, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since the scan listed it: another worker on this inbox took it. Nothing to record.
            return Gone.Instance;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Refused(path, $"the file could not be read ({e.Message}).", RejectionCode.Unreadable, 0, seen);
        }

        switch (looked)
        {
            case InboxFile.Vanished:
                return Gone.Instance;
            case InboxFile.Refusal refusal:
                return new Refused(path, refusal.Reason, refusal.Code, Math.Max(seen.Length, 0), seen);
        }

        var content = (InboxFile.Content)looked;

        var bytes = content.Bytes;
        seen = (bytes.Length, content.WrittenAt);
        ArticleReadResult result;
        // The budget is a token the reader looks at as it goes: a file over it stops being read, rather than
        // being abandoned to go on burning a core in the background. The clock settles it too, since a
        // timer can fire late on a busy thread pool: a read that ran over is over, whatever the timer did.
        Refused OverBudget() => new(path, FormattableString.Invariant($"reading it took longer than the budget of {options.ReadBudget.TotalSeconds:0.###} s."),
            RejectionCode.TooSlowToRead, bytes.Length, seen, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.ReadBudget);
        var clock = Stopwatch.StartNew();
        try
        {
            result = ArticleReader.Read(Path.GetFileName(path), bytes, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return OverBudget();
        }

        if (clock.Elapsed > options.ReadBudget)
        {
            return OverBudget();
        }

        return result switch
        {
            ArticleReadResult.Read read => new Accepted(path, read.Article, bytes.Length, seen),
            ArticleReadResult.Refused no => new Refused(path, no.Reason, no.Code, bytes.Length, seen, Convert.ToHexStringLower(SHA256.HashData(bytes))),
            _ => throw new InvalidOperationException("Unknown read result."),
        };
    }
}
