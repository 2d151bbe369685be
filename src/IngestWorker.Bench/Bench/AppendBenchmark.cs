using System.Globalization;
using IngestWorker.EventStore;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 1: the event store's batch append (one transaction per batch, expected versions checked)
/// against a raw multi-row INSERT and a binary COPY of the same rows into an identical table.
/// </summary>
internal static class AppendBenchmark
{
    public const string Part = "1 append";

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, ILogger logger, CancellationToken ct)
    {
        await using var dataSource = await BenchDatabase.OpenAsync(connectionString, ct);
        await RawEventTable.CreateAsync(dataSource, ct);
        var store = new PostgresEventStore(dataSource);
        var load = AppendLoad.Create(sizes.Events, sizes.Streams, sizes.Batch);
        var clock = new RateClock(Part, logger);

        async Task Prepare()
        {
            await RawEventTable.ResetAsync(dataSource, ct);
            await BenchDatabase.CheckpointAsync(dataSource, ct);
        }

        async Task<(double Store, double Insert, double Copy)> RunSidesAsync(AppendLoad run, string label)
        {
            var storeRate = await clock.RateAsync("event store", label, run.Events, Prepare, async () =>
            {
                foreach (var transaction in run.Transactions)
                {
                    await store.AppendAsync(transaction, ct);
                }
            });
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var insertRate = await clock.RateAsync("multi-row INSERT", label, run.Events, Prepare, () => RawEventTable.InsertAsync(connection, run, ct));
            var copyRate = await clock.RateAsync("binary COPY", label, run.Events, Prepare, () => RawEventTable.CopyAsync(connection, run, ct));
            return (storeRate, insertRate, copyRate);
        }

        await RunSidesAsync(load.Slice(BenchSizes.WarmUpShare(sizes.Events)), "warm-up");
        var runs = new List<(double Store, double Insert, double Copy)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            runs.Add(await RunSidesAsync(load, i.ToString(CultureInfo.InvariantCulture)));
        }

        var storeMedian = Median.Of(runs.Select(r => r.Store).ToList());
        var perTransaction = string.Create(CultureInfo.InvariantCulture, $"{sizes.Batch:N0} events/tx");
        return
        [
            new BenchFigure(Part, $"Append, {perTransaction} (event store)", storeMedian, "events/s", HigherIsBetter: true,
                $"multi-row INSERT, {sizes.Batch:N0} rows/statement", Median.Of(runs.Select(r => r.Insert).ToList()),
                new BenchTarget(TargetKind.RatioAtLeast, 0.40), 0),
            new BenchFigure(Part, $"Append, {perTransaction} (event store)", storeMedian, "events/s", HigherIsBetter: true,
                $"binary COPY, {sizes.Batch:N0} rows/tx", Median.Of(runs.Select(r => r.Copy).ToList()), Target: null, 0),
        ];
    }
}
