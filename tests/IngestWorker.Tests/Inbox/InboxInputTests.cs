using System.Diagnostics;
using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Inbox;

/// <summary>What the inbox must not read, and what it must not read too early.</summary>
public sealed class InboxInputTests
{
    [Fact]
    public async Task Regression_links_pipes_and_devices_are_rejected_with_a_reason_and_never_opened()
    {
        // Given a worker, and a secret outside the inbox.
        var folder = Paths.Scratch("links");
        var secret = Path.Combine(folder, "secret.txt");
        await File.WriteAllTextAsync(secret, "SECRET 2,000 US troops are in Iraq.");
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder);
        Directory.CreateDirectory(worker.Inbox.ResolvedInbox);

        // When links to it and to a device, and a pipe, are dropped beside a real article.
        File.CreateSymbolicLink(worker.InboxPath("secret-link.txt"), secret);
        File.CreateSymbolicLink(worker.InboxPath("zero.txt"), "/dev/zero");
        using (var mkfifo = Process.Start("mkfifo", [worker.InboxPath("pipe.txt")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        await worker.DropAsync("real.txt", Encoding.UTF8.GetBytes("A real article\n\nAbout 2,500 US troops are in Iraq."));

        // Then each is rejected with its reason, the real article is taken, and nothing of the secret reached the log.
        var rejected = worker.Inbox.ResolvedRejected;
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(rejected).Count == 6), "three files and three reasons are in rejected/");
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the real article is listed");
        Assert.Contains("symbolic link", await File.ReadAllTextAsync(Path.Combine(rejected, "secret-link.txt.reason.txt")), StringComparison.Ordinal);
        Assert.Contains("symbolic link", await File.ReadAllTextAsync(Path.Combine(rejected, "zero.txt.reason.txt")), StringComparison.Ordinal);
        Assert.Contains("pipe", await File.ReadAllTextAsync(Path.Combine(rejected, "pipe.txt.reason.txt")), StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(Path.Combine(rejected, "secret-link.txt")).LinkTarget);
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var bodies = await ReceivedAsync(session);
        Assert.DoesNotContain(bodies, b => b.Body.Contains("SECRET", StringComparison.Ordinal));
        Assert.Equal(3, (await session.Events.QueryRawEventDataOnly<ArticleRejected>().ToListAsync()).Count);
    }

    [Fact]
    public async Task Regression_a_file_still_being_written_is_taken_whole_not_half_written()
    {
        // Given a worker with the default settle time (1 s).
        var folder = Paths.Scratch("slow-writer");
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder,
            configure: inbox => inbox.SettleTime = new IngestWorker.Inbox.InboxOptions().SettleTime);
        Directory.CreateDirectory(worker.Inbox.ResolvedInbox);

        // When a file is written in pieces, a piece every 300 ms, straight into the inbox.
        var pieces = Enumerable.Range(0, 8).Select(i => $"Paragraph {i}: about {1000 + i} US troops are in Kuwait.\n").ToList();
        await using (var writer = File.Open(worker.InboxPath("slow.txt"), FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
        {
            foreach (var piece in pieces)
            {
                await writer.WriteAsync(Encoding.UTF8.GetBytes(piece));
                await writer.FlushAsync();
                await Task.Delay(300);
            }
        }

        // Then the article in the log is the whole file.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count >= 1, "the article is listed");
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var received = Assert.Single(await ReceivedAsync(session));
        Assert.Contains("Paragraph 7", received.Body, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(string.Concat(pieces)), received.FileBytes);
    }

    [Fact]
    public async Task Regression_a_file_over_the_read_budget_is_rejected_with_that_reason()
    {
        // Given a worker whose read budget no file of size can meet.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("budget"),
            configure: inbox => inbox.ReadBudget = TimeSpan.FromTicks(1));

        // When a large page and a small article arrive.
        var page = "<html><body><p>About 2,500 US troops are in Iraq.</p>" + string.Concat(Enumerable.Repeat("<b><i>", 500_000)) + "</body></html>";
        await worker.DropAsync("heavy.html", Encoding.UTF8.GetBytes(page));

        // Then the page is rejected for its budget.
        var reason = Path.Combine(worker.Inbox.ResolvedRejected, "heavy.html.reason.txt");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(reason)), "the page is rejected");
        Assert.Contains("budget", await File.ReadAllTextAsync(reason), StringComparison.Ordinal);
    }

    /// <summary>
    /// The articles in the log, read through Marten's event storage: its data-only query reads the jsonb column, where an
    /// article kept as bytes (<see cref="JsonBytesSerializer"/>) has an empty object.
    /// </summary>
    private static async Task<List<ArticleReceived>> ReceivedAsync(IQuerySession session) =>
        (await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == EventCatalogue.ArticleReceivedName).ToListAsync())
        .Select(e => (ArticleReceived)e.Data).ToList();
}
