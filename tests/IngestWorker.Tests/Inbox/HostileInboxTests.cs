using System.Text;
using IngestWorker.EventStore;
using IngestWorker.FaultHarness;
using IngestWorker.Inbox;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Inbox;

/// <summary>Files dropped to stop the inbox: each is rejected with a reason a user can read, and the files after it flow.</summary>
public sealed class HostileInboxTests
{
    private static readonly byte[] GoodArticle = Encoding.UTF8.GetBytes("A real article\n\nAbout 2,500 US troops are in Iraq.");

    [Fact]
    public async Task Regression_a_front_matter_of_50000_brackets_is_rejected_and_the_next_file_is_ingested()
    {
        // Given a running worker.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("deep-yaml"));

        // When a front matter nested 50,000 deep arrives, and a good article after it.
        await worker.DropAsync("deep.md", Encoding.UTF8.GetBytes("---\ntitle: " + new string('[', 50_000) + "\n---\nAbout 2,500 US troops are in Iraq.\n"));
        await worker.DropAsync("good.txt", GoodArticle);

        // Then the deep one is rejected with its reason (it used to overflow the stack, on every start), and the good one is taken.
        var reason = Path.Combine(worker.Inbox.ResolvedRejected, "deep.md.reason.txt");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(reason)), "the deep file is rejected");
        Assert.Contains("nested", await File.ReadAllTextAsync(reason), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the good article is listed");
    }

    [Fact]
    public async Task Regression_a_one_line_file_of_five_megabytes_is_rejected_for_its_size_by_default()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("one-liner"));

        var line = string.Concat(Enumerable.Repeat("About 2,500 US troops remain in Iraq ", 5 * 1024 * 1024 / 37 + 1));
        await worker.DropAsync("line.txt", Encoding.UTF8.GetBytes(line));
        await worker.DropAsync("good.txt", GoodArticle);

        var reason = Path.Combine(worker.Inbox.ResolvedRejected, "line.txt.reason.txt");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(reason)), "the large file is rejected");
        Assert.Contains("over the limit of 4,194,304 bytes", await File.ReadAllTextAsync(reason), StringComparison.Ordinal);
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the good article is listed");
    }

    [Fact]
    public async Task Regression_a_folder_dropped_into_the_inbox_is_moved_to_rejected_with_a_reason()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("folder"));
        Directory.CreateDirectory(worker.InboxPath("batch-of-articles"));
        await File.WriteAllBytesAsync(Path.Combine(worker.InboxPath("batch-of-articles"), "inside.txt"), GoodArticle);

        var rejected = Path.Combine(worker.Inbox.ResolvedRejected, "batch-of-articles");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(rejected + ".reason.txt")), "the folder is rejected with a reason");

        Assert.Contains("it is a folder", await File.ReadAllTextAsync(rejected + ".reason.txt"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rejected, "inside.txt")), "the folder is moved whole, with what it holds");
        Assert.False(Directory.Exists(worker.InboxPath("batch-of-articles")));
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal("batch-of-articles", Assert.Single(await session.Events.QueryRawEventDataOnly<ArticleRejected>().ToListAsync()).FileName);
    }

    [Fact]
    public async Task Regression_a_full_archive_disk_leaves_the_file_in_the_inbox_reports_once_and_moves_it_when_there_is_room()
    {
        // Given a worker whose archive disk is full.
        var disk = new FullArchiveMover();
        var log = new CapturedLogs();
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("full-archive"),
            services: collection =>
            {
                collection.AddSingleton<IFileMover>(disk);
                collection.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
            });
        var health = worker.Services.GetRequiredService<InboxHealth>();

        // When an article arrives, and moving it fails again and again.
        await worker.DropAsync("good.txt", GoodArticle);
        await Eventually.HoldsAsync(() => Task.FromResult(disk.Attempts >= 3), "the move is tried three times");

        // Then the file is still in the inbox, the log holds it once, the inbox says why it is stuck, and said it once.
        Assert.Equal(["good.txt"], worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedArchive));
        Assert.Single(await worker.ArticlesAsync());
        Assert.False(health.CanMoveFiles);
        Assert.Contains("No space left on device", health.Problem, StringComparison.Ordinal);
        Assert.Single(log.Entries, entry => entry.Id.Id == 1009);
        Assert.True(health.RetryIn > InboxHealth.FirstRetry, "the wait grows while moves keep failing");
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        using (var ready = await http.GetAsync("/health/ready"))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("No space left on device", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // When there is room again.
        disk.Full = false;

        // Then the file goes to archive/ (it was recorded, it is no duplicate of itself) and the inbox is healthy.
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedArchive).Contains("good.txt")), "the file is archived");
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.Empty(worker.FilesIn(Path.Combine(worker.Inbox.ResolvedArchive, "duplicates")));
        Assert.True(health.CanMoveFiles);
        Assert.Single(await worker.ArticlesAsync());
        using var readyAgain = await http.GetAsync("/health/ready");
        Assert.DoesNotContain("No space left on device", await readyAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_move_onto_a_full_file_system_leaves_the_file_where_it_was_and_no_part_written_copy()
    {
        // A real full disk where the machine lets us make one (root can mount a small tmpfs); the archive loop used to
        // leave one empty file per retry there, 264,000 of them.
        var folder = Paths.Scratch("tmpfs-archive");
        var archive = Path.Combine(folder, "archive");
        Directory.CreateDirectory(archive);
        if (!FullDisk.TryMount(archive, "64k"))
        {
            return;
        }

        try
        {
            var source = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.txt");
            File.WriteAllBytes(source, new byte[300_000]);
            var mover = new FileMoves();

            for (var attempt = 0; attempt < 5; attempt++)
            {
                var error = Assert.ThrowsAny<IOException>(() => mover.MoveInto(source, archive));
                Assert.IsNotType<FileNotFoundException>(error);
            }

            Assert.Equal(300_000, new FileInfo(source).Length);
            Assert.Empty(Directory.GetFileSystemEntries(archive));
            File.Delete(source);
        }
        finally
        {
            FullDisk.Unmount(archive);
        }
    }

    /// <summary>A file mover whose target disk is full until told otherwise.</summary>
    private sealed class FullArchiveMover : IFileMover
    {
        private readonly FileMoves _real = new();
        private int _attempts;
        private volatile bool _full = true;

        public bool Full
        {
            get => _full;
            set => _full = value;
        }

        public int Attempts => Volatile.Read(ref _attempts);

        public string MoveInto(string path, string folder)
        {
            Interlocked.Increment(ref _attempts);
            return Full ? throw new IOException("No space left on device", 28) : _real.MoveInto(path, folder);
        }
    }
}
