using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.EventStore;

/// <summary>
/// The append-only log on PostgreSQL: appends with an expected version, reads of one stream, and an
/// ordered read of everything that never skips an event whose transaction is still in flight.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource)
{
    private const string Events = EventStoreSchema.Schema + ".events";

    // One statement per batch: the stream's current version is looked up beside each row, rows whose
    // stream moved on are left out (counted below), and the unique (stream, version) index settles races.
    private const string AppendSql = $"""
        insert into {Events} (stream_id, version, type, data, metadata)
        select n.stream_id, coalesce(c.version, 0) + n.position, n.type, n.data, n.metadata
        from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[])
                 with ordinality as n(stream_id, expected, position, type, data, metadata, ord)
        left join lateral (select max(e.version) as version from {Events} e where e.stream_id = n.stream_id) c on true
        where n.expected < 0 or n.expected = coalesce(c.version, 0)
        order by n.ord
        """;

    // One stream, the common case (a lone article, the rules): its plan does not depend on the arrays'
    // sizes, so PostgreSQL keeps one generic plan for it, where the statement above is planned afresh on
    // every call (~0.2 ms, three times the cost of the insert itself for one event).
    private const string AppendOneStreamSql = $"""
        insert into {Events} (stream_id, version, type, data, metadata)
        select $1, s.version + n.position, n.type, n.data, n.metadata
        from (select coalesce(max(e.version), 0) as version from {Events} e where e.stream_id = $1) s,
             unnest($3::text[], $4::jsonb[], $5::jsonb[]) with ordinality as n(type, data, metadata, position)
        where $2 < 0 or $2 = s.version
        order by n.position
        """;

    // The page ends at the event count or, counting each event's stored size, once the next event would
    // pass the byte budget, whichever comes first (the first event always comes, however large), so a run
    // of large articles never makes one page hold hundreds of megabytes.
    private const string ReadAllSql = $"""
        select seq, tx_id, stream_id, version, type, data::text, metadata::text, timestamp
        from (
            select limited.*, sum(pg_column_size(limited.data)) over (order by limited.tx_id, limited.seq) - pg_column_size(limited.data) as before
            from (
                select * from {Events}
                where (tx_id, seq) > ($1, $2)
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by tx_id, seq
                limit $3
            ) limited
        ) sized
        where before = 0 or before < $4
        order by tx_id, seq
        """;

    /// <summary>Appends to one stream in its own transaction.</summary>
    public Task AppendAsync(string streamId, int expectedVersion, IReadOnlyList<NewEvent> events, CancellationToken ct) =>
        AppendAsync([new StreamAppend(streamId, expectedVersion, events)], ct);

    /// <summary>Appends to several streams in one transaction: all or nothing.</summary>
    public async Task AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (appends.Count == 1)
        {
            // One stream's events are all inserted or none (its version check holds for all of them), and
            // PostgreSQL runs one batch as one implicit transaction: no BEGIN/COMMIT, one round trip, not two.
            await AppendInBatchAsync(connection, transaction: null, appends, ct);
            return;
        }

        // Several streams: one stale stream leaves its rows out without an error, so only rolling back
        // an explicit transaction keeps the others out too.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AppendInBatchAsync(connection, transaction, appends, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Appends inside a transaction the caller owns.</summary>
    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct) =>
        AppendInBatchAsync(connection, transaction, appends, ct);

    private static async Task AppendInBatchAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var rows = appends.Sum(append => append.Events.Count);
        if (rows == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var shared in appends.Where(a => a.ExpectedVersion == StreamAppend.Any).Select(a => a.StreamId).Distinct(StringComparer.Ordinal))
        {
            // Appends that take any version serialise per stream, so two of them never pick the same number.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))")
            {
                Parameters = { new NpgsqlParameter { Value = shared } },
            });
        }

        var insert = appends.Count == 1 ? InsertOneStream(appends[0]) : InsertManyStreams(appends, rows);
        batch.BatchCommands.Add(insert);

        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another transaction committed the same version of a stream between our look and our write.
            throw (Exception?)await ConflictAsync(connection, appends, ct)
                ?? new InvalidOperationException("An append conflicted, but no stream was found off its expected version.", e);
        }

        if (insert.RecordsAffected != rows)
        {
            throw (Exception?)await ConflictAsync(connection, appends, ct)
                ?? new InvalidOperationException(FormattableString.Invariant($"Appended {insert.RecordsAffected} of {rows} events, yet every stream was at its expected version."));
        }
    }

    private static NpgsqlBatchCommand InsertOneStream(StreamAppend append) => new(AppendOneStreamSql)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = append.StreamId, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = append.ExpectedVersion, NpgsqlDbType = NpgsqlDbType.Integer },
            TextArray(append.Events.Select(e => e.Type)),
            TextArray(append.Events.Select(e => e.Data)),
            TextArray(append.Events.Select(e => e.Metadata ?? "{}")),
        },
    };

    private static NpgsqlBatchCommand InsertManyStreams(IReadOnlyList<StreamAppend> appends, int rows)
    {
        var streamIds = new string[rows];
        var expected = new int[rows];
        var positions = new int[rows];
        var types = new string[rows];
        var data = new string[rows];
        var metadata = new string[rows];
        var row = 0;
        foreach (var append in appends)
        {
            for (var i = 0; i < append.Events.Count; i++, row++)
            {
                streamIds[row] = append.StreamId;
                expected[row] = append.ExpectedVersion;
                positions[row] = i + 1;
                types[row] = append.Events[i].Type;
                data[row] = append.Events[i].Data;
                metadata[row] = append.Events[i].Metadata ?? "{}";
            }
        }

        return new NpgsqlBatchCommand(AppendSql)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = streamIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new NpgsqlParameter { Value = positions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            },
        };
    }

    private static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    /// <summary>Which of these streams already have events.</summary>
    public async Task<IReadOnlySet<string>> ExistingStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (streamIds.Count == 0)
        {
            return existing;
        }

        await using var command = dataSource.CreateCommand($"select distinct stream_id from {Events} where stream_id = any($1) and version = 1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(reader.GetString(0));
        }

        return existing;
    }

    /// <summary>The events of one stream, in version order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select seq, tx_id, stream_id, version, type, data::text, metadata::text, timestamp from {Events} where stream_id = $1 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>
    /// Up to a page of events after <paramref name="after"/>, in (transaction, sequence) order,
    /// only from transactions older than every transaction still running — so a late commit is never skipped.
    /// </summary>
    public async Task<EventPage> ReadAllAsync(LogPosition after, PageSize size, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadAllAsync(connection, null, after, size, ct);
    }

    /// <inheritdoc cref="ReadAllAsync(LogPosition, PageSize, CancellationToken)"/>
    public static async Task<EventPage> ReadAllAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, LogPosition after, PageSize size, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ReadAllSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = size.MaxEvents });
        command.Parameters.Add(new NpgsqlParameter { Value = size.MaxBytes });
        var events = await ReadEventsAsync(command, ct);
        return new EventPage(events, events.Count == 0 ? after : events[^1].Position);
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<ulong>(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return events;
    }

    private static async Task<ConcurrencyException?> ConflictAsync(NpgsqlConnection connection, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        // The failed statement aborted the transaction; look with a fresh connection of the same source.
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false };
        await using var look = new NpgsqlConnection(builder.ConnectionString);
        await look.OpenAsync(ct);
        var checkedStreams = appends.Where(a => a.ExpectedVersion != StreamAppend.Any).ToList();
        await using var command = new NpgsqlCommand(
            $"select s.id, coalesce((select max(version) from {Events} e where e.stream_id = s.id), 0) from unnest($1::text[]) as s(id)", look);
        command.Parameters.Add(new NpgsqlParameter { Value = checkedStreams.Select(a => a.StreamId).ToArray() });
        var actual = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                actual[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var conflict = checkedStreams.FirstOrDefault(a => actual.GetValueOrDefault(a.StreamId) != a.ExpectedVersion);
        return conflict is null
            ? null
            : new ConcurrencyException(conflict.StreamId, conflict.ExpectedVersion, actual.GetValueOrDefault(conflict.StreamId));
    }
}
