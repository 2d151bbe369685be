using System.Globalization;
using System.Text;
using System.Text.Json;
using IngestWorker.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Bench;

/// <summary>
/// The raw side of the append figure: a copy of Marten's events table (same columns, defaults and
/// indexes) written with one plain multi-row INSERT per transaction, no event store in between. Its
/// speed is the limit the append through Marten is held against.
/// </summary>
internal static class RawEventTable
{
    public const string Schema = "bench_raw";
    public const string Table = Schema + ".events";
    public const string EventTypeName = "reading_recorded";
    private const string Columns = "id, stream_id, version, data, type, mt_dotnet_type";
    private const int ColumnCount = 6;
    private static readonly string DotnetType = $"{typeof(ReadingRecorded).FullName}, {typeof(ReadingRecorded).Assembly.GetName().Name}";

    /// <summary>Copies Marten's definition, so the raw table can never drift from the real one.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        // The sequence number comes from a sequence of its own, as Marten's comes from its.
        await using var command = dataSource.CreateCommand(
            $"""
            create schema if not exists {Schema};
            create table if not exists {Table} (like {LogStore.Schema}.mt_events including all);
            create sequence if not exists {Schema}.events_seq;
            alter table {Table} alter column seq_id set default nextval('{Schema}.events_seq');
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Empties both sides' tables, so every timed run starts from the same empty indexes.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"truncate {LogStore.Schema}.mt_events, {LogStore.Schema}.mt_streams, {Table}");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One multi-row <c>INSERT … VALUES (…),(…)</c> per transaction, prepared once per row count; the JSON is written here, as Marten writes it on its side.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, AppendLoad load, CancellationToken ct)
    {
        var prepared = new Dictionary<int, NpgsqlCommand>();
        try
        {
            foreach (var transaction in load.Transactions)
            {
                if (!prepared.TryGetValue(transaction.Count, out var command))
                {
                    command = MultiRowInsert(connection, transaction.Count);
                    await command.PrepareAsync(ct);
                    prepared[transaction.Count] = command;
                }

                var p = command.Parameters;
                for (var i = 0; i < transaction.Count; i++)
                {
                    var (streamId, version, reading) = transaction[i];
                    p[ColumnCount * i].Value = Guid.CreateVersion7();
                    p[(ColumnCount * i) + 1].Value = streamId;
                    p[(ColumnCount * i) + 2].Value = (long)version;
                    p[(ColumnCount * i) + 3].Value = JsonSerializer.Serialize(reading, AppendLoad.Json);
                    p[(ColumnCount * i) + 4].Value = EventTypeName;
                    p[(ColumnCount * i) + 5].Value = DotnetType;
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

    private static NpgsqlCommand MultiRowInsert(NpgsqlConnection connection, int rows)
    {
        var sql = new StringBuilder($"insert into {Table} ({Columns}) values ");
        var command = new NpgsqlCommand { Connection = connection };
        for (var i = 0; i < rows; i++)
        {
            var n = ColumnCount * i;
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}(${n + 1},${n + 2},${n + 3},${n + 4},${n + 5},${n + 6})");
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
