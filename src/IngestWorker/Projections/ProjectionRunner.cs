using IngestWorker.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Projections;

/// <summary>Moves one projection of one read model forward by a batch of events.</summary>
public static class ProjectionRunner
{
    /// <summary>One batch in a transaction of its own.</summary>
    /// <returns>How many events the batch held; none means caught up.</returns>
    public static async Task<int> RunBatchAsync(NpgsqlConnection connection, string schema, IProjection projection,
        RulesCatalog rules, PageSize page, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var count = await ApplyNextAsync(connection, transaction, schema, projection, rules, page, ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>
    /// One batch inside the caller's transaction. Appliers of the same model take turns on an advisory
    /// lock (two workers, or a replay swapping the model in), and each starts from the checkpoint the
    /// previous one committed, so no event is applied twice. The rules are read after the lock, so a
    /// batch never applies the rules of a model that was just swapped out.
    /// </summary>
    public static async Task<int> ApplyNextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IProjection projection, RulesCatalog rules, PageSize page, CancellationToken ct)
    {
        var (position, rulesVersion) = await LockAndReadStateAsync(connection, transaction, schema, projection.Name, ct);
        var events = await PostgresEventStore.ReadAllAsync(connection, transaction, position, page, ct);
        await ApplyPageAsync(connection, transaction, schema, projection, await rules.ForVersionAsync(rulesVersion, ct), events, ct);
        return events.Events.Count;
    }

    /// <summary>
    /// Brings a projection of a model that nobody else applies to (a replay's shadow) up to the end of the
    /// log, reading the next page on a second connection while the current one is applied, so the server
    /// reads and the projection writes at once.
    /// </summary>
    /// <param name="reportProgress">Told the size of each page once it is committed.</param>
    /// <param name="maxEvents">Stop after this many events (a benchmark's warm-up); null for the whole log.</param>
    /// <returns>How many events were applied.</returns>
    public static async Task<long> CatchUpAsync(NpgsqlDataSource dataSource, NpgsqlConnection connection, string schema, IProjection projection,
        RulesCatalog rules, PageSize page, Action<int> reportProgress, CancellationToken ct, long? maxEvents = null)
    {
        await using var reader = await dataSource.OpenConnectionAsync(ct);
        var (position, rulesVersion) = await StateAsync(connection, schema, projection.Name, ct);
        var modelRules = await rules.ForVersionAsync(rulesVersion, ct);
        long applied = 0;

        Task<EventPage> ReadAfter(LogPosition after) =>
            maxEvents - applied is <= 0
                ? Task.FromResult(new EventPage([], after))
                : PostgresEventStore.ReadAllAsync(reader, null, after, page with { MaxEvents = (int)Math.Min(page.MaxEvents, maxEvents - applied ?? int.MaxValue) }, ct);

        var next = ReadAfter(position);
        try
        {
            return await ApplyAllAsync();
        }
        finally
        {
            // A read still running when an apply failed (or the replay was stopped) fails with its connection: observe it.
            _ = next.ContinueWith(read => read.Exception, TaskScheduler.Default);
        }

        async Task<long> ApplyAllAsync()
        {
            while (true)
            {
                var current = await next;
                if (current.Events.Count == 0)
                {
                    return applied;
                }

                applied += current.Events.Count;
                next = ReadAfter(current.Next);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                var (committed, _) = await LockAndReadStateAsync(connection, transaction, schema, projection.Name, ct);
                if (committed != position)
                {
                    throw new InvalidOperationException($"Projection {projection.Name} in {schema} moved on while it was being rebuilt; only one replay may build a shadow.");
                }

                await ApplyPageAsync(connection, transaction, schema, projection, modelRules, current, ct);
                await transaction.CommitAsync(ct);
                position = current.Next;
                reportProgress(current.Events.Count);
            }
        }
    }

    private static async Task ApplyPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IProjection projection, Extraction.ExtractionRules rules, EventPage page, CancellationToken ct)
    {
        if (page.Events.Count == 0)
        {
            return;
        }

        await projection.ApplyAsync(new ProjectionBatch(connection, transaction, schema, page.Events, rules), ct);
        await SaveCheckpointAsync(connection, transaction, schema, projection.Name, page.Next, ct);
    }

    private static async Task<(LogPosition Position, string RulesVersion)> StateAsync(NpgsqlConnection connection, string schema, string projection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var state = await LockAndReadStateAsync(connection, transaction, schema, projection, ct);
        await transaction.CommitAsync(ct);
        return state;
    }

    /// <summary>
    /// The apply lock, then the checkpoint and the model's rules version, in one round trip. The batch's
    /// commit does not wait for the disk: a read model is derived from the log, and its checkpoint is in the
    /// same transaction, so a crash can only lose the newest batches together with their checkpoint, and
    /// they are applied again from the log.
    /// </summary>
    private static async Task<(LogPosition Position, string RulesVersion)> LockAndReadStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string projection, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(hashtextextended($1, 0))") { Parameters = { new() { Value = ApplyLockKey(schema, projection) } } },
                new NpgsqlBatchCommand($"select tx_id, seq from {schema}.checkpoints where projection = $1") { Parameters = { new() { Value = projection } } },
                new NpgsqlBatchCommand($"select rules_version from {schema}.model_info"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var position = await reader.ReadAsync(ct) ? new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : LogPosition.Start;
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct)
            ? (position, reader.GetString(0))
            : throw new InvalidOperationException($"The read model in schema {schema} has no model_info row.");
    }

    /// <summary>Takes the model's apply lock for a projection until the transaction ends.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string projection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ApplyLockKey(schema, projection) });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string ApplyLockKey(string schema, string projection) => $"ingest-apply:{schema}:{projection}";

    public static async Task<LogPosition> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string schema, string projection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select tx_id, seq from {schema}.checkpoints where projection = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : LogPosition.Start;
    }

    private static async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string schema, string projection, LogPosition position, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into {schema}.checkpoints (projection, tx_id, seq, updated_at) values ($1, $2, $3, now())
            on conflict (projection) do update set tx_id = excluded.tx_id, seq = excluded.seq, updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        command.Parameters.Add(new NpgsqlParameter { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = position.Sequence });
        await command.ExecuteNonQueryAsync(ct);
    }
}
