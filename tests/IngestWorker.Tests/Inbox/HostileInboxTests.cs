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
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
        Assert.False(health.CanMoveFiles);
        Assert.Contains("No space left on device", health.Problem, StringComparison.Ordinal);
        Assert.Single(log.Entries, entry => entry.Id.Id == 1009);
        Assert.True(Assert.Single(health.Problems).Wait > InboxHealth.FirstRetry, "the wait grows while moves keep failing");
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
    public async Task Regression_files_held_by_a_full_archive_leave_soon_after_room_returns_not_after_the_longest_wait()
    {
        // Given a worker whose archive disk is full while rejected/ (another disk) has room.
        var folder = Paths.Scratch("archive-recovery");
        var disk = new FullArchiveMover { OnlyUnder = Path.Combine(folder, "archive") };
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), folder,
            services: collection => collection.AddSingleton<IFileMover>(disk));
        var health = worker.Services.GetRequiredService<InboxHealth>();

        // When thirty articles and an empty file arrive, and the archive fails try after try.
        for (var i = 0; i < 30; i++)
        {
            await worker.DropAsync($"article-{i:00}.txt", Encoding.UTF8.GetBytes($"Article {i}\n\nAbout {2_500 + i} US troops are in Iraq."));
        }

        await worker.DropAsync("empty.txt", []);
        await Eventually.HoldsAsync(() => Task.FromResult(health.Problems is [{ FailedTries: >= 3 }]), "the archive fails three tries");

        // Then the empty file went to rejected/ without making the archive look healthy, and the archive's wait is
        // no longer than it has been failing (it used to jump to 60 s at once, one count per file).
        Assert.Equal(["empty.txt", "empty.txt.reason.txt"], worker.FilesIn(worker.Inbox.ResolvedRejected));
        Assert.False(health.CanMoveFiles);
        var problem = Assert.Single(health.Problems);
        Assert.Equal(worker.Inbox.ResolvedArchive.TrimEnd(Path.DirectorySeparatorChar), problem.Folder);
        Assert.True(problem.Wait <= DateTimeOffset.UtcNow - problem.Since + InboxHealth.FirstRetry, $"after {DateTimeOffset.UtcNow - problem.Since} of failing, the wait is {problem.Wait}");
        Assert.Equal(30, worker.FilesIn(worker.Inbox.ResolvedInbox).Count);

        // When there is room again.
        disk.Full = false;
        var freed = System.Diagnostics.Stopwatch.StartNew();

        // Then the files go to archive/ within the wait they were at, not after the longest wait and a second wait
        // to settle again (it took 120 s in the fault harness). Generous: the old loop could not be under the cap.
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedArchive).Count == 30), "the files are archived",
            TimeSpan.FromSeconds(150));
        Assert.True(freed.Elapsed < InboxHealth.LongestRetry, $"the files left the inbox {freed.Elapsed} after room returned");
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.True(health.CanMoveFiles);
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 30, "the thirty articles are listed");
    }

    [Fact]
    public async Task Regression_a_file_that_had_settled_is_moved_at_the_next_try_without_settling_again()
    {
        // Given a worker with a long settle time, whose archive disk is full for one try only.
        var disk = new OnceFullMover();
        var settle = TimeSpan.FromSeconds(10);
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("settled-once"),
            configure: inbox => inbox.SettleTime = settle, services: collection => collection.AddSingleton<IFileMover>(disk));

        // When an article settles, is recorded, and its move fails.
        await worker.DropAsync("good.txt", GoodArticle);
        await Eventually.HoldsAsync(() => Task.FromResult(worker.FilesIn(worker.Inbox.ResolvedArchive).Contains("good.txt")), "the file is archived",
            TimeSpan.FromSeconds(90));

        // Then the next try, after the first wait of the back-off, moved it: it did not wait the settle time a second
        // time (the watcher used to forget a file it had handed on, even one that stayed). Generous: about a second, against ten.
        Assert.True(disk.MovedAt - disk.FailedAt < settle, $"the file was moved {disk.MovedAt - disk.FailedAt} after the failed try");
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
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
    /// <summary>A disk that is full for the first move only, and says when the move failed and when one worked.</summary>
    private sealed class OnceFullMover : IFileMover
    {
        private readonly FileMoves _real = new();
        private int _moves;

        public DateTimeOffset FailedAt { get; private set; }

        public DateTimeOffset MovedAt { get; private set; }

        public string MoveInto(string path, string folder)
        {
            if (Interlocked.Increment(ref _moves) == 1)
            {
                FailedAt = DateTimeOffset.UtcNow;
                throw new IOException("No space left on device", 28);
            }

            var moved = _real.MoveInto(path, folder);
            MovedAt = DateTimeOffset.UtcNow;
            return moved;
        }
    }

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

        /// <summary>When set, only moves into this folder (or below it) meet the full disk; others go through.</summary>
        public string? OnlyUnder { get; init; }

        public string MoveInto(string path, string folder)
        {
            Interlocked.Increment(ref _attempts);
            var onTheFullDisk = OnlyUnder is null || Path.GetFullPath(folder).StartsWith(Path.GetFullPath(OnlyUnder), StringComparison.Ordinal);
            return Full && onTheFullDisk ? throw new IOException("No space left on device", 28) : _real.MoveInto(path, folder);
        }
    }
}
