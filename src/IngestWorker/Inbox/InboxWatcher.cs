using System.Threading.Channels;
using IngestWorker.Database;
using IngestWorker.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace IngestWorker.Inbox;

/// <summary>
/// Watches the inbox folder and hands settled files to Wolverine as <see cref="FilesToIngest"/> messages
/// (Wolverine has no folder transport: the folder itself is the durable queue). The watcher only wakes
/// the loop; a listing of the folder decides, so missed watcher events cost a rescan, not a file.
/// </summary>
public sealed class InboxWatcher(IServiceProvider services, IHostApplicationLifetime lifetime, InboxOptions options, InboxHealth health,
    InboxMetrics metrics, InboxActivity activity, ILogger<InboxWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly FileStability _stability = new(options.SettleTime);

    // Two batches in flight forget their files at once; a scan never runs beside them.
    private readonly Lock _forgetting = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inbox = options.ResolvedInbox;
        Directory.CreateDirectory(inbox);

        // The files already waiting are seen now, before the database and Wolverine start (this runs before
        // the hosted services after it start): their settle time runs meanwhile, not after.
        try
        {
            Scan(inbox);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The loop below scans again, and says why it cannot.
            Log.ScanFailed(logger, e);
        }

        // Files go to Wolverine, which takes messages only once the whole host has started.
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        using var watcher = new FileSystemWatcher(inbox) { IncludeSubdirectories = false, InternalBufferSize = 64 * 1024 };
        watcher.Created += (_, _) => _wake.Writer.TryWrite(true);
        watcher.Changed += (_, _) => _wake.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => _wake.Writer.TryWrite(true);
        watcher.Error += (_, _) => _wake.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;
        Log.WatchingInbox(logger, inbox, options.ResolvedArchive, options.ResolvedRejected);

        while (!stoppingToken.IsCancellationRequested)
        {
            var waiting = 0;
            try
            {
                var (settled, unsettled) = Scan(inbox);
                waiting = unsettled;
                if (settled.Count > 0)
                {
                    // The claims projection waits meanwhile: the files leave the inbox first.
                    using var taking = activity.Taking();
                    await IngestAllAsync(settled, stoppingToken);
                }
            }
            catch (Exception e) when (DatabaseHealth.IsDiskFull(e))
            {
                // Said once, when the disk filled (DatabaseHealth); the files wait in the inbox and are tried less and less often.
                var health = services.GetRequiredService<DatabaseHealth>();
                health.ReportDiskFull(e);
                await Task.Delay(health.NextBackoff(), stoppingToken);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The files stay in the inbox; the next scan tries them again.
                Log.ScanFailed(logger, e);
                waiting = 0;
            }

            var retryIn = health.RetryIn;
            if (retryIn == TimeSpan.Zero)
            {
                await WaitAsync(NextScanIn(waiting), stoppingToken);
            }
            else
            {
                // Files cannot leave the inbox (a full disk): reading them again at every change would only fail
                // again, so the watcher waits out the back-off whatever arrives. Once it has passed, scans go on
                // as usual: the next scan is the next try, and the files that had settled are moved at once.
                await Task.Delay(retryIn, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Takes the settled files in batches, two at a time: while one batch's transaction commits (the database's
    /// turn), the next is read and hashed (the cores' turn) and the one before is moved (the disk's turn). Two
    /// batches of one worker meet like the batches of two workers: the claim keeps their files apart.
    /// </summary>
    private async Task IngestAllAsync(List<string> settled, CancellationToken ct)
    {
        var inFlight = new Queue<Task>();
        try
        {
            foreach (var batch in settled.Chunk(options.BatchSize))
            {
                if (inFlight.Count == BatchesInFlight)
                {
                    await inFlight.Dequeue();
                }

                inFlight.Enqueue(IngestBatchAsync(batch, ct));
            }

            await Task.WhenAll(inFlight);
        }
        catch when (inFlight.Count > 0)
        {
            // Every batch started ends before the next scan lists the inbox again; the first failure goes on to the caller.
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    private const int BatchesInFlight = 2;

    /// <summary>Claims a batch's files and has Wolverine ingest them.</summary>
    private async Task IngestBatchAsync(string[] batch, CancellationToken ct)
    {
        // Back to the caller at once, so it starts the next batch beside this one.
        await Task.Yield();

        // Workers sharing this inbox take different files: what another holds is passed by here.
        await using var claim = await InboxClaim.TakeAsync(services.GetRequiredService<NpgsqlDataSource>(), batch, ct);
        if (claim.Paths.Count == 0)
        {
            return;
        }

        IngestOutcome outcome;
        using (var scope = services.CreateScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<IngestOutcome>(new FilesToIngest(claim.Paths), ct);
        }

        Log.BatchIngested(logger, outcome.Appended, outcome.Duplicates, outcome.Rejected);
        metrics.Record(outcome);
        // Only the files that left: one still here (its move failed, or it changed while read) keeps its
        // sighting, so once it can be moved it is taken at once, not after settling all over again.
        var left = claim.Paths.Where(path => !Path.Exists(path)).ToList();
        lock (_forgetting)
        {
            foreach (var path in left)
            {
                _stability.Forget(path);
            }
        }
    }

    /// <summary>
    /// Files whose size and time held still for the settle time, oldest name first, and how many are still
    /// moving. Folders count too (size 0), so a folder dropped in is rejected with its reason, not left unseen;
    /// an archive or rejected folder configured inside the inbox is the worker's own.
    /// </summary>
    private (List<string> Settled, int Unsettled) Scan(string inbox)
    {
        var now = DateTime.UtcNow;
        var present = new HashSet<string>(StringComparer.Ordinal);
        var settled = new List<string>();
        var unsettled = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(inbox))
        {
            if (!InboxOptions.IsCandidate(Path.GetFileName(path)) || IsOwnFolder(path))
            {
                continue;
            }

            // One look per name gives its size, its times, and what it is; a name gone since the listing is passed by.
            var status = InboxFileCheck.StatusOf(path);
            if (status.Kind == InboxFileCheck.Kind.Missing)
            {
                continue;
            }

            present.Add(path);
            var changedAt = _stability.Follows(path) ? null : status.ChangedAt;
            if (_stability.IsReady(path, status.Length, status.WrittenAt, now, changedAt))
            {
                settled.Add(path);
            }
            else
            {
                unsettled++;
            }
        }

        _stability.KeepOnly(present);
        settled.Sort(StringComparer.Ordinal);
        return (settled, unsettled);
    }

    private bool IsOwnFolder(string path) =>
        string.Equals(path, options.ResolvedArchive.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
        || string.Equals(path, options.ResolvedRejected.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>
    /// A few files still settling are looked at again the moment the first of them can be ready, so a lone
    /// drop waits one settle time, not two. A bulk drop still arriving waits a whole settle time, so its files
    /// are taken in full batches rather than in as many small ones as there were moments of arrival.
    /// </summary>
    private TimeSpan NextScanIn(int waiting) => waiting switch
    {
        0 => options.RescanInterval,
        _ when waiting >= options.BatchSize => options.SettleTime,
        _ => _stability.UntilNextReady(DateTime.UtcNow),
    };

    private async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: time to look again anyway.
        }
    }
}
