using System.Globalization;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.EventStore;
using IngestWorker.Core.Extraction;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// Part 2: a replay as a user runs it after a rule change — the <see cref="Replayer"/> of a running worker splits
/// the log into ranges that every worker on the database applies on every core (Wolverine's PostgreSQL queue),
/// diffs the rebuilt articles and claims models against the live ones and swaps them in — over a log of synthetic
/// articles, with that worker alone and then with a second worker process on the same database, against one
/// ordered read of the same events that deserialises each article and runs the extractor on it on every core,
/// writing nothing. On a machine whose cores one worker already fills, a second worker process can only share
/// them; so the same pair is also timed with each worker applying one range at a time (<c>--replay-cores 1</c>) and held
/// to a core of its own (<see cref="CorePinning"/>): what a second worker adds when it brings a core of its own.
/// </summary>
internal static class RebuildBenchmark
{
    public const string Part = "2 replay";
    public const double TargetArticlesPerSecond = 2_000;
    private const int Seed = 2;
    private const int AppendBatch = 1_000;
    private const int RawChunk = 100;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, string workFolder, ILogger logger,
        CancellationToken ct)
    {
        var folder = Path.Combine(workFolder, "replay");
        await using var worker = await BenchWorker.StartAsync(connectionString, folder, ct);
        var appended = await AppendArticlesAsync(worker.Services.GetRequiredService<IDocumentStore>(), sizes.Articles, sizes.Density, ct);

        // The worker's own daemon projects the appended log first: a replay should not share the cores with it.
        var status = worker.Services.GetRequiredService<StatusQueries>();
        while ((await status.GetAsync(null, ct)) is var now && (now.Articles < appended || now.Projections.Any(p => p.Lag > 0)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        // The log holds the worker's primer article too: every rate counts it.
        var articles = appended + 1;
        var replayer = worker.Services.GetRequiredService<Replayer>();
        var dataSource = worker.DataSource;
        var clock = new RateClock(Part, logger);

        var meter = await CpuMeter.StartAsync(dataSource, secondWorker: null, ct);
        Func<Task> Replay(int workers) => async () =>
        {
            var phases = new ReplayPhases();
            var before = meter.Sample();
            var report = await replayer.ReplayAsync(LoadedRules.Default, dryRun: false, phases, ct);
            var after = meter.Sample();
            Log.BenchReplayPhases(logger, FormattableString.Invariant($"{report.Workers} of {workers} worker(s): ") + phases.Describe()
                + FormattableString.Invariant($"; CPU-s bench {after.Bench - before.Bench:F2}, server {after.Server - before.Server:F2}, second worker {after.Second - before.Second:F2}"));
            if (await worker.ArticleCountAsync(ct) != appended)
            {
                throw new InvalidOperationException(FormattableString.Invariant($"The replayed model does not list the {appended} articles appended."));
            }
        };

        async Task MeteredAsync(Func<Task> raw)
        {
            var before = meter.Sample();
            await raw();
            var after = meter.Sample();
            Log.BenchReplayPhases(logger, FormattableString.Invariant($"raw read + extract; CPU-s bench {after.Bench - before.Bench:F2}, server {after.Server - before.Server:F2}"));
        }

        Task Checkpoint() => BenchDatabase.CheckpointAsync(dataSource, ct);

        await clock.RateAsync("replay, 1 worker", "warm-up", articles, Checkpoint, Replay(1));
        var runs = new List<(double One, double Read)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            var label = i.ToString(CultureInfo.InvariantCulture);
            runs.Add((
                await clock.RateAsync("replay, 1 worker", label, articles, Checkpoint, Replay(1)),
                await clock.RateAsync("read + extract", label, articles, Checkpoint, () => MeteredAsync(() => ReadAndExtractAsync(dataSource, articles, ct)))));
        }

        // The same worker held to one range at a time on one core of its own, alone and then with a second worker process
        // held so too, on another core: PostgreSQL stays free on both.
        var projectionOptions = worker.Services.GetRequiredService<ProjectionOptions>();
        projectionOptions.ReplayCores = 1;
        await CorePinning.PinAsync(Environment.ProcessId, CorePinning.CoreFor(0), logger, ct);
        var oneCore = new List<double>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            oneCore.Add(await clock.RateAsync("replay, 1 worker, one core", i.ToString(CultureInfo.InvariantCulture), articles, Checkpoint, Replay(1)));
        }

        var twoOneCore = new List<double>();
        await using (var secondOnOneCore = BenchProcesses.StartWorker(connectionString, Path.Combine(folder, "one-core-inbox"), replayCores: 1))
        {
            await UntilNodesAsync(dataSource, 2, secondOnOneCore, ct);
            await CorePinning.PinAsync(secondOnOneCore.Id, CorePinning.CoreFor(1), logger, ct);
            meter = await CpuMeter.StartAsync(dataSource, secondOnOneCore.Id, ct);
            await clock.RateAsync("replay, 2 workers, one core each", "warm-up", articles, Checkpoint, Replay(2));
            for (var i = 1; i <= sizes.Repetitions; i++)
            {
                twoOneCore.Add(await clock.RateAsync("replay, 2 workers, one core each", i.ToString(CultureInfo.InvariantCulture), articles, Checkpoint, Replay(2)));
            }
        }

        projectionOptions.ReplayCores = null;
        await CorePinning.PinAsync(Environment.ProcessId, CorePinning.AllCores, logger, ct);
        await UntilOneNodeAsync(dataSource, ct);

        // A second worker, in a process of its own, joins the database (its own inbox stays empty).
        var second = BenchProcesses.StartWorker(connectionString, Path.Combine(folder, "second-inbox"));
        await using (second)
        {
            await UntilNodesAsync(dataSource, 2, second, ct);
            meter = await CpuMeter.StartAsync(dataSource, second.Id, ct);
            await clock.RateAsync("replay, 2 workers", "warm-up", articles, Checkpoint, Replay(2));
            var twoRuns = new List<double>();
            for (var i = 1; i <= sizes.Repetitions; i++)
            {
                twoRuns.Add(await clock.RateAsync("replay, 2 workers", i.ToString(CultureInfo.InvariantCulture), articles, Checkpoint, Replay(2)));
            }

            var limit = Median.Of(runs.Select(r => r.Read).ToList());
            const string limitName = "ordered read + JSON deserialise + ClaimExtractor on every core, no writes";
            return
            [
                new BenchFigure(Part, FormattableString.Invariant($"Replay {articles:N0} articles, 1 worker: ranges on every core, diff, swap"),
                    Median.Of(runs.Select(r => r.One).ToList()), "articles/s", HigherIsBetter: true, limitName, limit,
                    new BenchTarget(TargetKind.ValueAtLeast, TargetArticlesPerSecond), 0),
                new BenchFigure(Part, FormattableString.Invariant($"Replay {articles:N0} articles, 2 worker processes on one database"),
                    Median.Of(twoRuns), "articles/s", HigherIsBetter: true, limitName, limit,
                    new BenchTarget(TargetKind.ValueAtLeast, TargetArticlesPerSecond), 0),
                new BenchFigure(Part, "Replay, 1 worker applying one range at a time on one core of its own (--replay-cores 1, pinned)",
                    Median.Of(oneCore), "articles/s", HigherIsBetter: true, limitName, limit, null, 0),
                new BenchFigure(Part, "Replay, 2 worker processes applying one range at a time each on a core of its own: faster than one such worker",
                    Median.Of(twoOneCore), "articles/s", HigherIsBetter: true, limitName, limit,
                    new BenchTarget(TargetKind.ValueAtLeast, Median.Of(oneCore)), 0),
            ];
        }
    }

    /// <summary>Until <paramref name="nodes"/> workers are registered with Wolverine on the database (each then takes ranges).</summary>
    internal static async Task UntilNodesAsync(NpgsqlDataSource dataSource, int nodes, IngestWorker.Tools.WorkerProcess joining, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await NodeCountAsync(dataSource, ct) < nodes)
        {
            if (joining.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The second worker did not join the database: {joining.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    /// <summary>Until a worker that stopped has left Wolverine's nodes, so the next one to join is counted as it joins.</summary>
    private static async Task UntilOneNodeAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await NodeCountAsync(dataSource, ct) > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    /// <summary>The workers registered with Wolverine on the database.</summary>
    private static async Task<long> NodeCountAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {WorkerApp.WolverineSchema}.wolverine_nodes");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The articles as the inbox appends them: one stream each, started with its ArticleReceived.</summary>
    private static async Task<int> AppendArticlesAsync(IDocumentStore store, int count, ClaimDensity density, CancellationToken ct)
    {
        var appended = 0;
        foreach (var chunk in SyntheticArticles.Generate(count, Seed, density).Chunk(AppendBatch))
        {
            await using var session = store.LightweightSession();
            foreach (var (fileName, text) in chunk)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (ArticleReader.Read(fileName, bytes, ct) is ArticleReadResult.Read { Article: var a })
                {
                    session.Events.StartStream(a.StreamId,
                        new ArticleReceived(fileName, a.Title, a.Published, a.Outlet, a.Url, a.Body, a.ContentHash, bytes.Length));
                    appended++;
                }
            }

            await session.SaveChangesAsync(ct);
        }

        return appended;
    }

    /// <summary>
    /// The raw limit: the article events in sequence order in one query, each deserialised and read by the
    /// extractor on every core (chunks of <see cref="RawChunk"/> handed to the thread pool as they are read, so
    /// reading overlaps extraction), writing nothing.
    /// </summary>
    private static async Task ReadAndExtractAsync(NpgsqlDataSource dataSource, int articles, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select bdata from {LogSql.Events} where type = $1 order by seq_id");
        command.Parameters.Add(new NpgsqlParameter { Value = EventCatalogue.ArticleReceivedName });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var read = 0;
        var chunks = new List<Task<int>>();
        var chunk = new List<byte[]>(RawChunk);
        while (await reader.ReadAsync(ct))
        {
            // The article's JSON as the worker keeps it: bytes (JsonBytesSerializer).
            chunk.Add(reader.GetFieldValue<byte[]>(0));
            read++;
            if (chunk.Count == RawChunk)
            {
                chunks.Add(ExtractAsync(chunk));
                chunk = new List<byte[]>(RawChunk);
            }
        }

        chunks.Add(ExtractAsync(chunk));
        var claims = (await Task.WhenAll(chunks)).Sum();
        if (read != articles || claims == 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The raw read found {read} articles ({claims} claims), not {articles}."));
        }

        static Task<int> ExtractAsync(List<byte[]> events) => Task.Run(() => events.Sum(json =>
        {
            var e = (ArticleReceived)JsonBytesSerializer.Instance.Deserialize(typeof(ArticleReceived), json);
            var found = ClaimExtractor.Extract(new Article(e.Title, e.Published, e.Outlet, e.Url, e.Body, e.ContentHash), ExtractionRules.Default);
            return found.TroopCounts.Count + found.BaseStatuses.Count;
        }));
    }
}
