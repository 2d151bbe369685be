using IngestWorker.Articles;
using IngestWorker.EventStore;
using Microsoft.Extensions.Logging;
using Polly;

namespace IngestWorker.Inbox;

/// <summary>
/// Takes a batch of settled files into the log. The inbox is the durable queue: a file leaves it only
/// after its event committed, so a crash in between shows the file again, and it is then a duplicate.
/// </summary>
public sealed class ArticleIngestor(PostgresEventStore store, InboxOptions options, ResiliencePipeline retry, ILogger<ArticleIngestor> logger)
{
    public sealed record Outcome(int Appended, int Duplicates, int Rejected);

    private sealed record Accepted(string Path, Article Article, long Bytes);

    private sealed record Refused(string Path, string Reason, long Bytes);

    public async Task<Outcome> IngestAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var accepted = new List<Accepted>();
        var refused = new List<Refused>();
        foreach (var path in paths)
        {
            switch (await ReadAsync(path, ct))
            {
                case Accepted a: accepted.Add(a); break;
                case Refused r: refused.Add(r); break;
            }
        }

        // The same text twice in one batch, or already in the log, is one article.
        var known = await retry.ExecuteAsync(
            async token => await store.ExistingStreamsAsync(accepted.Select(a => a.Article.StreamId).ToList(), token), ct);
        var fresh = new List<Accepted>();
        var duplicates = new List<Accepted>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in accepted)
        {
            (known.Contains(file.Article.StreamId) || !inBatch.Add(file.Article.StreamId) ? duplicates : fresh).Add(file);
        }

        var appended = await AppendAsync(fresh, duplicates, ct);
        if (refused.Count > 0)
        {
            var rejections = refused.Select(r => EventSerializer.ToNew(new ArticleRejected(Path.GetFileName(r.Path), r.Reason, r.Bytes))).ToList();
            await retry.ExecuteAsync(async token => await store.AppendAsync(InboxStreams.Rejections, StreamAppend.Any, rejections, token), ct);
        }

        if (options.AfterCommit is { } afterCommit)
        {
            await afterCommit(paths, ct);
        }

        foreach (var file in appended)
        {
            FileMoves.MoveInto(file.Path, options.ResolvedArchive);
            Log.ArticleIngested(logger, Path.GetFileName(file.Path), file.Article.StreamId[..20], Shorten(file.Article.Title));
        }

        foreach (var file in duplicates)
        {
            FileMoves.MoveInto(file.Path, Path.Combine(options.ResolvedArchive, "duplicates"));
            Log.DuplicateArchived(logger, Path.GetFileName(file.Path), file.Article.StreamId);
        }

        foreach (var file in refused)
        {
            var moved = FileMoves.MoveInto(file.Path, options.ResolvedRejected);
            await File.WriteAllTextAsync(moved + ".reason.txt",
                $"{Path.GetFileName(file.Path)} was rejected: {file.Reason}{Environment.NewLine}", ct);
            Log.FileRejected(logger, Path.GetFileName(file.Path), file.Reason);
        }

        return new Outcome(appended.Count, duplicates.Count, refused.Count);
    }

    /// <summary>Appends the batch in one transaction; if another worker raced us to a stream, falls back to one by one.</summary>
    private async Task<List<Accepted>> AppendAsync(List<Accepted> fresh, List<Accepted> duplicates, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return fresh;
        }

        // A retried append whose first try did commit meets its own stream: a conflict, so a duplicate, never a double.
        try
        {
            await retry.ExecuteAsync(async token => await store.AppendAsync(fresh.Select(ToAppend).ToList(), token), ct);
            return fresh;
        }
        catch (ConcurrencyException)
        {
            var appended = new List<Accepted>();
            foreach (var file in fresh)
            {
                try
                {
                    await retry.ExecuteAsync(async token => await store.AppendAsync([ToAppend(file)], token), ct);
                    appended.Add(file);
                }
                catch (ConcurrencyException)
                {
                    duplicates.Add(file);
                }
            }

            return appended;
        }
    }

    private static StreamAppend ToAppend(Accepted file) =>
        new(file.Article.StreamId, StreamAppend.NoStream, [EventSerializer.ToNew(new ArticleReceived(
            Path.GetFileName(file.Path),
            file.Article.Title,
            file.Article.Published,
            file.Article.Outlet,
            file.Article.Url,
            file.Article.Body,
            file.Article.ContentHash,
            file.Bytes))]);

    private static string? Shorten(string? title) => title is { Length: > 80 } ? title[..79] + "…" : title;

    private async Task<object> ReadAsync(string path, CancellationToken ct)
    {
        long length;
        byte[] bytes;
        try
        {
            length = new FileInfo(path).Length;
            if (length > options.MaxFileBytes)
            {
                return new Refused(path, FormattableString.Invariant(
                    $"the file is {length:N0} bytes, over the limit of {options.MaxFileBytes:N0} bytes."), length);
            }

            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Refused(path, $"the file could not be read ({e.Message}).", 0);
        }

        return ArticleReader.Read(Path.GetFileName(path), bytes) switch
        {
            ArticleReadResult.Read read => new Accepted(path, read.Article, bytes.Length),
            ArticleReadResult.Refused no => new Refused(path, no.Reason, bytes.Length),
            _ => throw new InvalidOperationException("Unknown read result."),
        };
    }
}
