using System.Diagnostics;
using System.Globalization;
using IngestWorker.Inbox;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 3: many articles dropped into the inbox at once, timed from the first rename until every file
/// is archived and the articles projection lists them all, and on until every projection (the claims', which
/// extracts) has caught up with the log — the real worker, in this process, alone and with a second worker
/// process on the same inbox and database — against the raw floor of the same work (read, hash, COPY, move) on
/// the same files, which extracts nothing.
/// </summary>
internal static class IngestBenchmark
{
    public const string Part = "3 ingest";
    public const double TargetShareOfRaw = 0.5;
    private const int Seed = 4;

    /// <summary>Each run's worker first takes this fraction of the drop's size in other articles, untimed.</summary>
    private const int WarmUpShare = 10;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(Func<CancellationToken, Task<string>> freshDatabase, BenchSizes sizes,
        string workFolder, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(workFolder, "ingest");
        var staged = await StagedArticles.WriteAsync(Path.Combine(folder, "staging"), sizes.Articles, Seed, sizes.Density, ct);
        var warmUp = await StagedArticles.WriteAsync(Path.Combine(folder, "warm-up"), Math.Max(1, sizes.Articles / WarmUpShare), Seed + 1, sizes.Density, ct);
        var clock = new RateClock(Part, logger);
        var runs = 0;

        async Task<Timed> WorkersAsync(IReadOnlyList<string> names, string label, int workers)
        {
            var run = Path.Combine(folder, FormattableString.Invariant($"run-{++runs}"));
            var connectionString = await freshDatabase(ct);
            await using var worker = await BenchWorker.StartAsync(connectionString, run, ct);

            // A second worker, in a process of its own, on the same inbox and database: the two split the drop.
            await using var second = workers == 2 ? BenchProcesses.StartWorker(connectionString, worker.Inbox.ResolvedInbox) : null;
            if (second is not null)
            {
                await RebuildBenchmark.UntilNodesAsync(worker.DataSource, 2, second, ct);
            }

            await WarmUpAsync(worker, warmUp, ct);
            var alreadyListed = await worker.ArticleCountAsync(ct);
            var meter = await CpuMeter.StartAsync(worker.DataSource, second?.Id, ct);
            var cpuAtDrop = meter.Sample();
            var jitAtDrop = JitSample.Now();
            var watch = Stopwatch.StartNew();
            staged.DropAll(names, worker.Inbox.ResolvedInbox);
            await WaitUntilIngestedAsync(worker, names.Count, alreadyListed, ct);
            var listed = watch.Elapsed;
            var cpuListed = meter.Sample();
            var jitListed = JitSample.Now() - jitAtDrop;
            await worker.UntilProjectionsCaughtUpAsync(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(20.0 * names.Count), ct);
            var caughtUp = watch.Elapsed;
            var cpuCaughtUp = meter.Sample();
            var side = FormattableString.Invariant($"{workers} worker(s)");
            Log.IngestCpu(logger, side, label, listed.TotalSeconds, cpuListed.Bench - cpuAtDrop.Bench, cpuListed.Server - cpuAtDrop.Server,
                cpuListed.Second - cpuAtDrop.Second, caughtUp.TotalSeconds, cpuCaughtUp.Bench - cpuAtDrop.Bench, cpuCaughtUp.Server - cpuAtDrop.Server,
                cpuCaughtUp.Second - cpuAtDrop.Second);
            Log.IngestJit(logger, side, label, jitListed.Methods, jitListed.Seconds);
            var timed = new Timed(clock.Rate(side, label, names.Count, listed), clock.Rate(side + ", every projection caught up", label, names.Count, caughtUp));
            staged.TakeBack(worker.Inbox.ResolvedArchive);
            return timed;
        }

        async Task<(Timed One, Timed Two, double Raw)> RunSidesAsync(IReadOnlyList<string> names, string label)
        {
            var one = await WorkersAsync(names, label, 1);
            var two = await WorkersAsync(names, label, 2);
            var run = Path.Combine(folder, FormattableString.Invariant($"run-{++runs}"));
            await using var dataSource = BenchDatabase.Open(await freshDatabase(ct));
            await RawArticleTable.ResetAsync(dataSource, ct);
            await BenchDatabase.CheckpointAsync(dataSource, ct);
            var rawInbox = Path.Combine(run, "raw-inbox");
            var rawArchive = Path.Combine(run, "raw-archive");
            Directory.CreateDirectory(rawInbox);
            var meter = await CpuMeter.StartAsync(dataSource, secondWorker: null, ct);
            var cpuAtDrop = meter.Sample();
            var rawTime = await RateClock.TimeAsync(async () =>
            {
                staged.DropAll(names, rawInbox);
                await RawArticleTable.IngestAsync(dataSource, rawInbox, rawArchive, new InboxOptions().BatchSize, ct);
            });
            var cpuDone = meter.Sample();
            Log.RawIngestCpu(logger, label, rawTime.TotalSeconds, cpuDone.Bench - cpuAtDrop.Bench, cpuDone.Server - cpuAtDrop.Server);
            var rawRate = clock.Rate("read + hash + COPY + move", label, names.Count, rawTime);
            staged.TakeBack(rawArchive);
            return (one, two, rawRate);
        }

        await RunSidesAsync(staged.Names, "warm-up");
        var results = new List<(Timed One, Timed Two, double Raw)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            results.Add(await RunSidesAsync(staged.Names, i.ToString(CultureInfo.InvariantCulture)));
        }

        Directory.Delete(folder, recursive: true);
        var raw = Median.Of(results.Select(r => r.Raw).ToList());
        const string rawName = "read + SHA-256 + binary COPY + move, 250 per tx";
        return
        [
            Figure(FormattableString.Invariant($"Ingest {sizes.Articles:N0} articles dropped at once (~5 KB .md), 1 worker: archived and listed"),
                results.Select(r => r.One.Listed), new BenchTarget(TargetKind.RatioAtLeast, TargetShareOfRaw)),
            Figure(FormattableString.Invariant($"Ingest {sizes.Articles:N0} articles dropped at once, 2 worker processes on one inbox: archived and listed"),
                results.Select(r => r.Two.Listed), new BenchTarget(TargetKind.RatioAtLeast, TargetShareOfRaw)),
            Figure(FormattableString.Invariant($"Ingest {sizes.Articles:N0} articles dropped at once, 1 worker: until the claims projection caught up (extracts)"),
                results.Select(r => r.One.CaughtUp), null),
            Figure(FormattableString.Invariant($"Ingest {sizes.Articles:N0} articles dropped at once, 2 worker processes: until the claims projection caught up"),
                results.Select(r => r.Two.CaughtUp), null),
        ];

        BenchFigure Figure(string name, IEnumerable<double> rates, BenchTarget? target) =>
            new(Part, name, Median.Of(rates.ToList()), "articles/s", HigherIsBetter: true, rawName, raw, target, 0);
    }

    /// <summary>Articles per second of one run: until all were archived and listed, and until every projection had caught up.</summary>
    private readonly record struct Timed(double Listed, double CaughtUp);

    /// <summary>
    /// Has the run's worker (and the second, if any) take the warm-up articles, until listed and every projection has caught
    /// up, and clears them from the archive. A worker that takes a bulk drop has usually been running for a while: what its
    /// host built for itself (Marten's serializer metadata, the service resolvers, the connections) is then in place and
    /// compiled, and it is not timed. Without this, each run's new host compiled 500–1,000 methods during the timed drop,
    /// a fifth to a third of its CPU (the JIT line of each run shows what is left). The drop then waits for the JIT to
    /// have been quiet a moment, as it is in a worker that has been waiting for files.
    /// </summary>
    private static async Task WarmUpAsync(BenchWorker worker, StagedArticles warmUp, CancellationToken ct)
    {
        var alreadyListed = await worker.ArticleCountAsync(ct);
        warmUp.DropAll(warmUp.Names, worker.Inbox.ResolvedInbox);
        await WaitUntilIngestedAsync(worker, warmUp.Names.Count, alreadyListed, ct);
        await worker.UntilProjectionsCaughtUpAsync(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(20.0 * warmUp.Names.Count), ct);
        warmUp.TakeBack(worker.Inbox.ResolvedArchive);
        await JitSample.UntilQuietAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10), ct);
    }

    /// <summary>Until the inbox is empty, every file dropped is archived, and the articles projection lists them all beside those listed before.</summary>
    private static async Task WaitUntilIngestedAsync(BenchWorker worker, int dropped, long alreadyListed, CancellationToken ct)
    {
        var limit = TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(20.0 * dropped);
        var deadline = DateTime.UtcNow + limit;
        var archive = worker.Inbox.ResolvedArchive;
        while (true)
        {
            if (Directory.Exists(worker.Inbox.ResolvedRejected) && Directory.EnumerateFiles(worker.Inbox.ResolvedRejected).FirstOrDefault() is { } rejected)
            {
                throw new InvalidOperationException($"The worker rejected the synthetic article {Path.GetFileName(rejected)}; see {worker.Inbox.ResolvedRejected}.");
            }

            // The folder first: while files wait in the inbox, the database is not asked (a count every few
            // milliseconds would take from the worker it times).
            var waiting = Directory.EnumerateFiles(worker.Inbox.ResolvedInbox).Any();
            var listed = waiting ? 0 : await worker.ArticleCountAsync(ct) - alreadyListed;
            if (listed > 0)
            {
                var archived = Directory.Exists(archive) ? Directory.EnumerateFiles(archive).Count() : 0;
                var duplicates = Directory.Exists(Path.Combine(archive, "duplicates")) ? Directory.EnumerateFiles(Path.Combine(archive, "duplicates")).Count() : 0;
                if (archived + duplicates == dropped && listed == archived)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(FormattableString.Invariant(
                    $"The worker took more than {limit.TotalSeconds:F0} s for {dropped} articles; {(waiting ? "files still wait in its inbox" : $"it lists {listed}")}."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }
    }
}
