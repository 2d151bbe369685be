using System.Text.Json;
using IngestWorker.Projections;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using IngestWorker.Database;

namespace IngestWorker.EventStore;

/// <summary>
/// Moves a log of the layout before Marten (<c>ingest.events</c>, written by the project's own store)
/// into Marten's tables on first start: every event in its order, with its stream and time, in one
/// transaction that also checks the copy and only then drops the old tables and the read model built
/// from them (the daemon rebuilds it from the copied log).
/// </summary>
public sealed class LegacyLogMigration(NpgsqlDataSource dataSource, IDocumentStore store, ILogger<LegacyLogMigration> logger)
{
    private const string LegacyEvents = LogStore.Schema + ".events";
    private const int PageSize = 1000;

    private static readonly JsonSerializerOptions LegacyJson = new(JsonSerializerDefaults.Web);

    /// <summary>The type names the old store wrote, and what they are now.</summary>
    private static readonly Dictionary<string, Type> LegacyTypes = new(StringComparer.Ordinal)
    {
        ["ArticleReceived"] = typeof(ArticleReceived),
        ["ArticleRejected"] = typeof(ArticleRejected),
        ["RulesApplied"] = typeof(RulesApplied),
    };

    /// <returns>Whether an old log was moved (and the read model's schema dropped with it).</returns>
    public async Task<bool> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var gate = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('ingest-legacy-migration', 0))", connection, transaction))
        {
            await gate.ExecuteNonQueryAsync(ct);
        }

        if (!await LegacyLogExistsAsync(connection, transaction, ct))
        {
            return false;
        }

        var copied = await CopyAsync(connection, transaction, ct);
        await using (var check = new NpgsqlCommand(
            $"""
            select (select count(*) from {LegacyEvents}) as legacy,
                   (select count(*) from {LegacyEvents} o
                    join {LogSql.Events} m on m.stream_id = o.stream_id and m.version = o.version) as matched
            """, connection, transaction))
        {
            await using var reader = await check.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (legacy, matched) = (reader.Value<long>("legacy"), reader.Value<long>("matched"));
            if (legacy != copied || matched != legacy)
            {
                throw new InvalidOperationException(FormattableString.Invariant(
                    $"Moving the old log into Marten did not check out ({legacy} events in {LegacyEvents}, {copied} copied, {matched} found again); nothing was changed."));
            }
        }

        await using (var finish = new NpgsqlCommand(
            $"""
            update {LogSql.Events} m set timestamp = o.timestamp
                from {LegacyEvents} o where m.stream_id = o.stream_id and m.version = o.version;
            drop table {LegacyEvents};
            drop table if exists {LogStore.Schema}.schema_migrations;
            drop function if exists {LogStore.Schema}.notify_events();
            drop schema if exists {ReadModelSchema.Live} cascade;
            drop schema if exists {ReadModelSchema.Shadow} cascade;
            """, connection, transaction))
        {
            await finish.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        Log.LegacyLogMigrated(logger, copied);
        return true;
    }

    private static async Task<bool> LegacyLogExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select to_regclass($1) is not null", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = LegacyEvents });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Appends the old events through Marten in the order readers saw them, a page per save, inside the caller's transaction.</summary>
    private async Task<long> CopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await AppendTurn.TakeAsync(connection, transaction, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        long copied = 0;
        (ulong Tx, long Seq) after = (0, 0);
        while (true)
        {
            var page = new List<(string Stream, object Event, ulong Tx, long Seq)>();
            await using (var read = new NpgsqlCommand(
                $"select stream_id, type, data::text as data, tx_id, seq from {LegacyEvents} where (tx_id, seq) > ($1, $2) order by tx_id, seq limit {PageSize}",
                connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = after.Tx, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
                read.Parameters.Add(new NpgsqlParameter { Value = after.Seq });
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var type = reader.Text("type");
                    var data = JsonSerializer.Deserialize(reader.Text("data"), LegacyTypes.GetValueOrDefault(type)
                        ?? throw new InvalidDataException($"The old log holds an event of unknown type '{type}'; nothing was changed."), LegacyJson)!;
                    page.Add((reader.Text("stream_id"), data, reader.Value<ulong>("tx_id"), reader.Value<long>("seq")));
                }
            }

            if (page.Count == 0)
            {
                return copied;
            }

            foreach (var (stream, data, _, _) in page)
            {
                session.Events.Append(stream, data);
            }

            await session.SaveChangesAsync(ct);
            copied += page.Count;
            after = (page[^1].Tx, page[^1].Seq);
        }
    }
}
