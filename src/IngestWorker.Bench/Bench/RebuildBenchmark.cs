using System.Globalization;
using System.Text.Json;
using IngestWorker.EventStore;
using IngestWorker.Extraction;
using IngestWorker.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// Part 2: a projection rebuilt from the start of the log into a fresh shadow schema, batch by batch
/// through <see cref="ProjectionRunner.RunBatchAsync"/> as the Replayer does, against one ordered read
/// of the same rows that deserialises each event and writes nothing.
/// </summary>
internal static class RebuildBenchmark
{
    public const string Part = "2 rebuild";

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, ILogger logger, CancellationToken ct)
    {
        await using var dataSource = await BenchDatabase.OpenAsync(connectionString, ct);
        var store = new PostgresEventStore(dataSource);
        foreach (var transaction in AppendLoad.Create(sizes.Events, sizes.Streams, sizes.Batch).Transactions)
        {
            await store.AppendAsync(transaction, ct);
        }

        var catalog = new RulesCatalog(store);
        catalog.Remember(ExtractionRules.Default);
        var projection = new StreamEventCountsProjection();
        var page = new ProjectionOptions().ReplayBatch;
        var clock = new RateClock(Part, logger);
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        async Task FreshShadow()
        {
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await ReadModelSchema.DropAsync(connection, transaction, ReadModelSchema.Shadow, ct);
                await ReadModelSchema.CreateAsync(connection, transaction, ReadModelSchema.Shadow, [projection], ExtractionRules.Default.Version, ct);
                await transaction.CommitAsync(ct);
            }

            await BenchDatabase.CheckpointAsync(dataSource, ct);
        }

        async Task Rebuild(int maxEvents)
        {
            await ProjectionRunner.CatchUpAsync(dataSource, connection, ReadModelSchema.Shadow, projection, catalog, page, _ => { }, ct, maxEvents);
            await ExpectAsync(connection, maxEvents, ct);
        }

        async Task<(double Projection, double Read)> RunSidesAsync(int events, string label) =>
            (await clock.RateAsync("rebuild", label, events, FreshShadow, () => Rebuild(events)),
             await clock.RateAsync("raw ordered read", label, events, () => BenchDatabase.CheckpointAsync(dataSource, ct), () => ReadRawAsync(connection, events, ct)));

        await RunSidesAsync(BenchSizes.WarmUpShare(sizes.Events), "warm-up");
        var runs = new List<(double Projection, double Read)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            runs.Add(await RunSidesAsync(sizes.Events, i.ToString(CultureInfo.InvariantCulture)));
        }

        return
        [
            new BenchFigure(Part, FormattableString.Invariant($"Rebuild a projection from seq 0 (up to {page.MaxEvents:N0} events/batch)"),
                Median.Of(runs.Select(r => r.Projection).ToList()), "events/s", HigherIsBetter: true,
                "ordered read + JSON deserialise, no writes", Median.Of(runs.Select(r => r.Read).ToList()),
                new BenchTarget(TargetKind.RatioAtLeast, 0.30), 0),
        ];
    }

    /// <summary>The raw limit: the rows in sequence order in one query, each event's JSON deserialised.</summary>
    private static async Task ReadRawAsync(NpgsqlConnection connection, int events, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select seq, stream_id, version, type, data::text from {EventStoreSchema.Schema}.events order by seq limit $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = events });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var read = 0;
        var total = 0.0;
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetInt64(0);
            _ = reader.GetString(1);
            _ = reader.GetInt32(2);
            _ = reader.GetString(3);
            total += JsonSerializer.Deserialize<ReadingRecorded>(reader.GetString(4), EventSerializer.Options)!.Value;
            read++;
        }

        if (read != events || double.IsNaN(total))
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The raw read found {read} events, not {events}."));
        }
    }

    /// <summary>A rebuild that skipped or repeated an event would be fast and wrong: check the counts add up.</summary>
    private static async Task ExpectAsync(NpgsqlConnection connection, int events, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(sum(events), 0) from {ReadModelSchema.Shadow}.stream_event_counts", connection);
        var counted = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        if (counted != events)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The rebuilt projection counts {counted} events, not {events}."));
        }
    }
}
