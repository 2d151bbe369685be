using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 5: articles dropped one at a time, each timed from its rename into the inbox until
/// <see cref="Articles.ArticleQueries"/> lists it (polled every 2 ms), against the raw floor of a watcher
/// and one INSERT per file, polled the same way.
/// </summary>
internal static class LatencyBenchmark
{
    public const string Part = "4 latency";
    public const double TargetMedianMs = 100;
    public const double TargetWorstMs = 1_000;
    private const int Seed = 5;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Files are renamed into the inbox whole, as a careful writer does, so the worker runs with
    /// `--settle-ms 50`; at the default 1 s settle time (for writers that write in place) every drop waits
    /// that second more, by design.
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(50);

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(Func<CancellationToken, Task<string>> freshDatabase, BenchSizes sizes,
        string workFolder, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(workFolder, "latency");
        var warmUp = Math.Max(1, Math.Min(10, sizes.LatencyDrops / 10));
        var staged = await StagedArticles.WriteAsync(Path.Combine(folder, "staging"), warmUp + sizes.LatencyDrops, Seed, sizes.Density, ct);
        var connectionString = await freshDatabase(ct);

        List<double> worker;
        await using (var running = await BenchWorker.StartAsync(connectionString, Path.Combine(folder, "worker"), ct, SettleTime))
        {
            async Task<bool> Listed(string name) => (await running.Articles.ListAsync(ct)).Any(a => a.FileName == name);
            worker = await TimeDropsAsync(staged, running.Inbox.ResolvedInbox, warmUp, Listed, ct);
            staged.TakeBack(running.Inbox.ResolvedArchive);
        }

        List<double> raw;
        await using (var dataSource = BenchDatabase.Open(connectionString))
        {
            await RawArticleTable.ResetAsync(dataSource, ct);
            await using var poller = await dataSource.OpenConnectionAsync(ct);
            var rawInbox = Path.Combine(folder, "raw-inbox");
            await using (RawLatencyPipeline.Start(dataSource, rawInbox, Path.Combine(folder, "raw-archive"), ct))
            {
                raw = await TimeDropsAsync(staged, rawInbox, warmUp, name => RawArticleTable.HoldsAsync(poller, name, ct), ct);
            }
        }

        Log.BenchLatencies(logger, "worker", Median.Of(worker), worker.Max());
        Log.BenchLatencies(logger, "watcher + INSERT", Median.Of(raw), raw.Max());
        Directory.Delete(folder, recursive: true);
        var what = FormattableString.Invariant($"drop (rename) → listed by ArticleQueries, settle 50 ms, {sizes.LatencyDrops:N0} drops");
        return
        [
            new BenchFigure(Part, $"Latency, median ({what})", Median.Of(worker), "ms", HigherIsBetter: false,
                "watcher + INSERT per file", Median.Of(raw), new BenchTarget(TargetKind.ValueBelow, TargetMedianMs), 0),
            new BenchFigure(Part, $"Latency, worst ({what})", worker.Max(), "ms", HigherIsBetter: false,
                "watcher + INSERT per file", raw.Max(), new BenchTarget(TargetKind.ValueBelow, TargetWorstMs), 0),
        ];
    }

    /// <summary>Drops the staged articles one by one; the first <paramref name="warmUp"/> are not counted.</summary>
    private static async Task<List<double>> TimeDropsAsync(StagedArticles staged, string inbox, int warmUp,
        Func<string, Task<bool>> visible, CancellationToken ct)
    {
        var latencies = new List<double>();
        foreach (var (name, index) in staged.Names.Select((name, index) => (name, index)))
        {
            var start = Stopwatch.GetTimestamp();
            staged.Drop(name, inbox);
            while (!await visible(name))
            {
                if (Stopwatch.GetElapsedTime(start) > GiveUpAfter)
                {
                    throw new TimeoutException($"{name} was not visible {GiveUpAfter.TotalSeconds:F0} s after it was dropped into {inbox}.");
                }

                await Task.Delay(Poll, ct);
            }

            if (index >= warmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        return latencies;
    }
}
