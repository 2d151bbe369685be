using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Part 1: appends through Marten as the worker's store is configured (<c>session.Events.Append</c>,
/// one SaveChanges per batch, Marten's quick append) against a raw multi-row INSERT of the same events
/// into a copy of Marten's events table.
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
        var load = AppendLoad.Create(sizes.Events, sizes.Streams, sizes.Batch);
        var clock = new RateClock(Part, logger);

        async Task Prepare()
        {
            await RawEventTable.ResetAsync(dataSource, ct);
            await BenchDatabase.CheckpointAsync(dataSource, ct);
        }

        async Task<(double Marten, double Insert)> RunSidesAsync(AppendLoad run, string label)
        {
            var martenRate = await clock.RateAsync("Marten", label, run.Events, Prepare, async () =>
            {
                foreach (var transaction in run.Transactions)
                {
                    await using var session = store.LightweightSession();
                    foreach (var (streamId, _, reading) in transaction)
                    {
                        session.Events.Append(streamId, reading);
                    }

                    await session.SaveChangesAsync(ct);
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
            new BenchFigure(Part, string.Create(CultureInfo.InvariantCulture, $"Append through Marten, {sizes.Batch:N0} events per SaveChanges"),
                Median.Of(runs.Select(r => r.Marten).ToList()), "events/s", HigherIsBetter: true,
                string.Create(CultureInfo.InvariantCulture, $"multi-row INSERT, {sizes.Batch:N0} rows/statement"), Median.Of(runs.Select(r => r.Insert).ToList()),
                new BenchTarget(TargetKind.RatioAtLeast, TargetShareOfRaw), 0),
        ];
    }
}
