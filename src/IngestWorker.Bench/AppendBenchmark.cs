using System.Globalization;
using IngestWorker.EventStore;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 1: starts streams through Marten as the inbox records articles (<see cref="StreamStarts"/>: one
/// new stream per event, a batch at a time by Marten's bulk COPY, under the log's append turn) against a raw
/// multi-row INSERT of the same events into a copy of Marten's events table.
/// </summary>
internal static class AppendBenchmark
{
    public const string Part = "1 append";
    public const double TargetShareOfRaw = 0.25;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, ILogger logger, CancellationToken ct)
    {
        await using var dataSource = BenchDatabase.Open(connectionString);
        using var store = await BenchDatabase.LogStoreAsync(dataSource,
            options =>
            {
                options.Events.AddEventType(typeof(ReadingRecorded));
                options.Events.MapEventType(typeof(ReadingRecorded), RawEventTable.EventTypeName);
            }, ct);
        await RawEventTable.CreateAsync(dataSource, ct);
        var load = AppendLoad.Create(sizes.Events, sizes.Batch);
        var clock = new RateClock(Part, logger);

        async Task Prepare()
        {
            await RawEventTable.ResetAsync(dataSource, ct);
            await store.Advanced.Clean.DeleteAllEventDataAsync(ct);
            await BenchDatabase.CheckpointAsync(dataSource, ct);
        }

        async Task<(double Marten, double Insert)> RunSidesAsync(AppendLoad run, string label)
        {
            var martenRate = await clock.RateAsync("Marten", label, run.Events, Prepare, async () =>
            {
                foreach (var transaction in run.Transactions)
                {
                    await StreamStarts.StartAsync(store, transaction, t => t.StreamId, t => t.Event, ct);
                }
            });
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var insertRate = await clock.RateAsync("multi-row INSERT", label, run.Events, Prepare, () => RawEventTable.InsertAsync(connection, run, ct));
            return (martenRate, insertRate);
        }

        await RunSidesAsync(load, "warm-up");
        var runs = new List<(double Marten, double Insert)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            runs.Add(await RunSidesAsync(load, i.ToString(CultureInfo.InvariantCulture)));
        }

        return
        [
            new BenchFigure(Part, string.Create(CultureInfo.InvariantCulture, $"Append through Marten as the inbox does, {sizes.Batch:N0} new streams at a time"),
                Median.Of(runs.Select(r => r.Marten).ToList()), "events/s", HigherIsBetter: true,
                string.Create(CultureInfo.InvariantCulture, $"multi-row INSERT, {sizes.Batch:N0} rows/statement"), Median.Of(runs.Select(r => r.Insert).ToList()),
                new BenchTarget(TargetKind.RatioAtLeast, TargetShareOfRaw), 0),
        ];
    }
}
