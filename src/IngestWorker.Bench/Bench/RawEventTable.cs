using System.Globalization;
using System.Text;
using IngestWorker.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Bench;

/// <summary>
/// The raw side of the append figures: a copy of the events table (same columns and defaults, the
/// xid8 one included, same unique and (tx_id, seq) indexes) written with plain SQL, no event store in
/// between. Its speed is the limit the event store is held against.
/// </summary>
internal static class RawEventTable
{
    public const string Schema = "bench_raw";
    public const string Table = Schema + ".events";
    private const string Columns = "stream_id, version, type, data, metadata";

    /// <summary>Copies the live definition, so the raw table can never drift from the real one.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            create schema if not exists {Schema};
            create table if not exists {Table} (like {EventStoreSchema.Schema}.events including all);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Empties both tables, so every timed run starts from the same empty indexes.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"truncate {EventStoreSchema.Schema}.events, {Table} restart identity");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One multi-row <c>INSERT … VALUES (…),(…)</c> per transaction, prepared once per row count.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, AppendLoad load, CancellationToken ct)
    {
        var prepared = new Dictionary<int, NpgsqlCommand>();
        try
        {
            foreach (var transaction in load.Transactions)
            {
                var rows = AppendLoad.Rows(transaction).ToList();
                if (!prepared.TryGetValue(rows.Count, out var command))
                {
                    command = MultiRowInsert(connection, rows.Count);
                    await command.PrepareAsync(ct);
                    prepared[rows.Count] = command;
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    var p = command.Parameters;
                    p[5 * i].Value = rows[i].StreamId;
                    p[(5 * i) + 1].Value = rows[i].Version;
                    p[(5 * i) + 2].Value = rows[i].Type;
                    p[(5 * i) + 3].Value = rows[i].Data;
                    p[(5 * i) + 4].Value = rows[i].Metadata;
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>One binary COPY per transaction.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, AppendLoad load, CancellationToken ct)
    {
        foreach (var transaction in load.Transactions)
        {
            await using var importer = await connection.BeginBinaryImportAsync($"copy {Table} ({Columns}) from stdin (format binary)", ct);
            foreach (var row in AppendLoad.Rows(transaction))
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(row.StreamId, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(row.Version, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(row.Type, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(row.Data, NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(row.Metadata, NpgsqlDbType.Jsonb, ct);
            }

            await importer.CompleteAsync(ct);
        }
    }

    /// <summary>A prepared single-row INSERT, each one its own (autocommitted) transaction.</summary>
    public static NpgsqlCommand SingleRowInsert(NpgsqlConnection connection) => MultiRowInsert(connection, 1);

    public static async Task InsertOneAsync(NpgsqlCommand singleRowInsert, string streamId, int version, NewEvent @event, CancellationToken ct)
    {
        var p = singleRowInsert.Parameters;
        p[0].Value = streamId;
        p[1].Value = version;
        p[2].Value = @event.Type;
        p[3].Value = @event.Data;
        p[4].Value = @event.Metadata ?? "{}";
        await singleRowInsert.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand MultiRowInsert(NpgsqlConnection connection, int rows)
    {
        var sql = new StringBuilder($"insert into {Table} ({Columns}) values ");
        var command = new NpgsqlCommand { Connection = connection };
        for (var i = 0; i < rows; i++)
        {
            var n = 5 * i;
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}(${n + 1},${n + 2},${n + 3},${n + 4},${n + 5})");
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
