using System.Globalization;
using IngestWorker.EventStore;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 3: one event per transaction, as the inbox appends a lone article: the event store's public
/// append against a prepared single-row INSERT that commits on its own. Here the commit is the cost.
/// </summary>
internal static class SingleCommitBenchmark
{
    public const string Part = "3 single commits";
    private const int SliceSize = 100;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, ILogger logger, CancellationToken ct)
    {
        await using var dataSource = await BenchDatabase.OpenAsync(connectionString, ct);
        await RawEventTable.CreateAsync(dataSource, ct);
        var store = new PostgresEventStore(dataSource);

        // One new stream per event, appended at expected version 0, like an article.
        var load = AppendLoad.Create(sizes.SingleCommits, sizes.SingleCommits, batch: 1);
        var clock = new RateClock(Part, logger);

        async Task<(double Store, double Insert)> RunSidesAsync(AppendLoad run, string label)
        {
            await RawEventTable.ResetAsync(dataSource, ct);
            await BenchDatabase.CheckpointAsync(dataSource, ct);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var insert = RawEventTable.SingleRowInsert(connection);
            await insert.PrepareAsync(ct);

            // The sides take turns in slices, so a slow spell of the disk falls on both, not on one.
            var storeTime = TimeSpan.Zero;
            var insertTime = TimeSpan.Zero;
            foreach (var slice in run.Transactions.Select(t => t[0]).Chunk(SliceSize))
            {
                storeTime += await RateClock.TimeAsync(async () =>
                {
                    foreach (var append in slice)
                    {
                        await store.AppendAsync(append.StreamId, append.ExpectedVersion, append.Events, ct);
                    }
                });
                insertTime += await RateClock.TimeAsync(async () =>
                {
                    foreach (var append in slice)
                    {
                        await RawEventTable.InsertOneAsync(insert, append.StreamId, append.ExpectedVersion + 1, append.Events[0], ct);
                    }
                });
            }

            return (clock.Rate("event store", label, run.Events, storeTime), clock.Rate("single-row INSERT", label, run.Events, insertTime));
        }

        await RunSidesAsync(load.Slice(BenchSizes.WarmUpShare(sizes.SingleCommits)), "warm-up");
        var runs = new List<(double Store, double Insert)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            runs.Add(await RunSidesAsync(load, i.ToString(CultureInfo.InvariantCulture)));
        }

        return
        [
            new BenchFigure(Part, "One event per transaction (event store)", Median.Of(runs.Select(r => r.Store).ToList()), "commits/s", HigherIsBetter: true,
                "single-row INSERT, autocommit", Median.Of(runs.Select(r => r.Insert).ToList()),
                new BenchTarget(TargetKind.RatioAtLeast, 0.50), 0),
        ];
    }
}
