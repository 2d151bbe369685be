using System.Net.Http.Json;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Inbox;

public sealed class InboxTests
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task The_five_seeds_become_five_articles_and_dropped_again_are_archived_as_duplicates()
    {
        // Given a running worker with an empty log.
        var folder = Paths.Scratch("seeds");
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder);

        // When the five seeds are dropped.
        await worker.DropSeedsAsync();

        // Then there are five articles, with the title, outlet and published date each article gives.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 5, "five articles are listed");
        var articles = await worker.ArticlesAsync();
        Assert.Contains(articles, a => a.Title == "Pentagon says on track to reduce coalition’s military mission in Iraq" && a.Published == new DateOnly(2025, 10, 1));
        Assert.Contains(articles, a => a.Title == "US military starts drawing down its mission in Iraq countering the Daesh group" && a.Published == new DateOnly(2025, 9, 30));
        Assert.Contains(articles, a => a.FileName == "001_499f36f6ff98808b.txt" && a.Published is null);
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedInbox).Count == 0), "the inbox is empty");
        Assert.Equal(5, worker.FilesIn(worker.Inbox.ResolvedArchive).Count);

        // And the HTTP API lists the same five.
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        using var listed = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/articles"));
        Assert.Equal(5, listed.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(5, listed.RootElement.GetProperty("total").GetInt32());

        // When the same five are dropped again.
        await worker.DropSeedsAsync();

        // Then they are archived as duplicates and the log still holds five articles.
        var duplicates = Path.Combine(worker.Inbox.ResolvedArchive, "duplicates");
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(duplicates).Count == 5), "five duplicates are archived");
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.Equal(5, (await worker.ArticlesAsync()).Count);
    }

    [Fact]
    public async Task Empty_binary_and_unknown_files_are_rejected_with_a_reason_and_an_event()
    {
        var folder = Paths.Scratch("rejects");
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, folder);

        await worker.DropAsync("empty.txt", []);
        await worker.DropAsync("picture.txt", PngHeader);
        await worker.DropAsync("report.docx", Encoding.UTF8.GetBytes("PK\u0003\u0004 word document"));

        var rejected = worker.Inbox.ResolvedRejected;
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(rejected).Count == 6), "three files and three reasons are in rejected/");
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.Contains("empty", await File.ReadAllTextAsync(Path.Combine(rejected, "empty.txt.reason.txt")), StringComparison.Ordinal);
        Assert.Contains("binary", await File.ReadAllTextAsync(Path.Combine(rejected, "picture.txt.reason.txt")), StringComparison.Ordinal);
        Assert.Contains("'.docx' is not a type the inbox takes", await File.ReadAllTextAsync(Path.Combine(rejected, "report.docx.reason.txt")), StringComparison.Ordinal);

        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.QueryRawEventDataOnly<ArticleRejected>().ToListAsync();
        Assert.Equal(["empty.txt", "picture.txt", "report.docx"], events.Select(e => e.FileName).Order(StringComparer.Ordinal));
        Assert.Equal([RejectionCode.Empty, RejectionCode.Binary, RejectionCode.UnsupportedType], events.OrderBy(e => e.FileName, StringComparer.Ordinal).Select(e => e.Code));
        Assert.Empty(await worker.ArticlesAsync());

        // And status counts them by code; a rejection logged before codes existed still reads, as unrecorded.
        await using (var old = worker.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            old.Events.StartStream("rejected-from-before-codes", new ArticleRejected("old.txt", "the file is empty.", 0));
            await old.SaveChangesAsync();
        }

        var status = await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);
        Assert.Equal(4, status.Rejected);
        Assert.Equal(
            ["Binary 1", "Empty 1", "UnsupportedType 1", "unrecorded 1"],
            status.RejectedByCode!.Select(r => $"{r.Code} {r.Count}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Regression_a_worker_stopped_between_commit_and_move_archives_its_files_as_already_ingested_not_as_duplicates()
    {
        // Given a worker that will be stopped right after the log commits and before any file moves.
        var folder = Paths.Scratch("crash");
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashing = await RunningWorker.StartAsync(connection, folder, configure: inbox => inbox.AfterCommit = async (_, ct) =>
        {
            committed.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await crashing.DropSeedsAsync();
        await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await crashing.DisposeAsync();
        Assert.Equal(5, crashing.FilesIn(crashing.Inbox.ResolvedInbox).Count);

        // When the worker starts again on the same inbox and log.
        await using var restarted = await RunningWorker.StartAsync(connection, folder);

        // Then the files are seen again, found in the log under their own names, and archived: they are no duplicates
        // of themselves (they used to go to duplicates/). Five articles, nothing left, nothing lost.
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.FilesIn(restarted.Inbox.ResolvedInbox).Count == 0), "the inbox is empty");
        await Eventually.HoldsAsync(async () => (await restarted.ArticlesAsync()).Count == 5, "five articles are listed");
        Assert.Empty(restarted.FilesIn(Path.Combine(restarted.Inbox.ResolvedArchive, "duplicates")));
        Assert.Equal(5, restarted.FilesIn(restarted.Inbox.ResolvedArchive).Count);
        await Task.Delay(500);
        Assert.Equal(5, (await restarted.ArticlesAsync()).Count);
    }

    [Fact]
    public async Task Regression_a_rejection_committed_before_a_crash_is_recorded_once_when_the_file_is_seen_again()
    {
        // Given a worker stopped right after the log recorded a rejection, before the file moved.
        var folder = Paths.Scratch("crash-reject");
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashing = await RunningWorker.StartAsync(connection, folder, configure: inbox => inbox.AfterCommit = async (_, ct) =>
        {
            committed.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await crashing.DropAsync("picture.txt", PngHeader);
        await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await crashing.DisposeAsync();

        // When the worker starts again and sees the file again.
        await using var restarted = await RunningWorker.StartAsync(connection, folder);
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.FilesIn(restarted.Inbox.ResolvedRejected).Count == 2), "the file and its reason are in rejected/");

        // Then the log holds one rejection of it, not two.
        await using var session = restarted.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Single(await session.Events.QueryRawEventDataOnly<ArticleRejected>().ToListAsync());
    }

    [Fact]
    public async Task The_next_batch_commits_while_the_batch_before_it_is_still_being_handled()
    {
        // Given the five seeds waiting in the inbox of a worker that takes one file per batch, and whose first batch,
        // once committed, holds until another batch has committed too.
        var folder = Paths.Scratch("overlap");
        Directory.CreateDirectory(Path.Combine(folder, "inbox"));
        foreach (var seed in Directory.GetFiles(Paths.Seeds))
        {
            File.Copy(seed, Path.Combine(folder, "inbox", Path.GetFileName(seed)));
        }

        var anotherCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commits = 0;
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder, configure: inbox =>
        {
            inbox.BatchSize = 1;
            inbox.AfterCommit = async (_, ct) =>
            {
                if (Interlocked.Increment(ref commits) == 1)
                {
                    await anotherCommitted.Task.WaitAsync(ct);
                }
                else
                {
                    anotherCommitted.TrySetResult();
                }
            };
        });

        // When the worker takes them, then another batch commits while the first is held (one batch at a time would
        // wait here for ever), and every seed is still taken once.
        await anotherCommitted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedInbox).Count == 0), "the inbox is empty");
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 5, "five articles are listed");
        Assert.Equal(5, worker.FilesIn(worker.Inbox.ResolvedArchive).Count);
    }

    [Fact]
    public async Task A_file_moved_in_whole_is_taken_without_waiting_the_settle_time_and_one_written_in_the_inbox_waits()
    {
        // Given a worker that waits ten minutes for a file to hold still.
        var folder = Paths.Scratch("moved-in");
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder,
            configure: inbox => inbox.SettleTime = TimeSpan.FromMinutes(10));
        Directory.CreateDirectory(worker.Inbox.ResolvedInbox);

        // When one article written an hour ago elsewhere is moved in, and another is written in the inbox itself.
        var elsewhere = Path.Combine(folder, "downloads", "moved.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        await File.WriteAllTextAsync(elsewhere, "Moved in whole\n\nAbout 2,500 US troops are in Iraq.");
        File.SetLastWriteTimeUtc(elsewhere, DateTime.UtcNow.AddHours(-1));
        await File.WriteAllTextAsync(worker.InboxPath("written-here.txt"), "Written here\n\nAbout 900 US troops are in Syria.");
        File.Move(elsewhere, worker.InboxPath("moved.txt"));

        // Then the one moved in is archived and listed, and the one written in the inbox is still waiting.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article moved in is listed");
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedArchive).Contains("moved.txt")), "the file moved in is archived");
        Assert.Equal(["written-here.txt"], worker.FilesIn(worker.Inbox.ResolvedInbox));
    }

    [Fact]
    public async Task Temporary_and_hidden_files_are_left_alone()
    {
        var folder = Paths.Scratch("ignored");
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder);
        Directory.CreateDirectory(worker.Inbox.ResolvedInbox);
        await File.WriteAllTextAsync(worker.InboxPath("draft.txt.part"), "US troops, still being written");
        await File.WriteAllTextAsync(worker.InboxPath(".hidden.txt"), "not an article");
        await File.WriteAllTextAsync(worker.InboxPath("upload.tmp"), "partial");
        await worker.DropAsync("real.txt", Encoding.UTF8.GetBytes("A real article\n\nAbout 2,500 US troops are in Iraq."));

        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the real article is listed");
        Assert.Equal([".hidden.txt", "draft.txt.part", "upload.tmp"], worker.FilesIn(worker.Inbox.ResolvedInbox));
    }
}
