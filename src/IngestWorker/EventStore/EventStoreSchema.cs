using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.EventStore;

/// <summary>
/// The log's tables, created and upgraded at start. Each step runs once, in order, under an advisory
/// lock so that workers starting together do not race; every statement is also safe to run twice.
/// </summary>
public static class EventStoreSchema
{
    public const string Schema = "ingest";
    public const string NotifyChannel = "ingest_events";
    private const long MigrationLockKey = 0x1A6E57_0001;

    private static readonly (int Version, string Sql)[] Steps =
    [
        (1, $"""
            create table if not exists {Schema}.events (
                seq        bigint generated always as identity primary key,
                stream_id  text        not null,
                version    integer     not null,
                type       text        not null,
                data       jsonb       not null,
                metadata   jsonb       not null default jsonb_build_object(),
                timestamp  timestamptz not null default now(),
                tx_id      xid8        not null default pg_current_xact_id(),
                constraint events_stream_version unique (stream_id, version)
            );
            create index if not exists events_tx_seq on {Schema}.events (tx_id, seq);
            """),
        (2, $"""
            create or replace function {Schema}.notify_events() returns trigger language plpgsql as $$
            begin
                perform pg_notify('{NotifyChannel}', '');
                return null;
            end $$;
            drop trigger if exists events_notify on {Schema}.events;
            create trigger events_notify after insert on {Schema}.events
                for each statement execute function {Schema}.notify_events();
            """),
    ];

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var setUp = new NpgsqlCommand(
            $"""
            select pg_advisory_xact_lock({MigrationLockKey});
            create schema if not exists {Schema};
            create table if not exists {Schema}.schema_migrations (
                version integer primary key,
                applied_at timestamptz not null default now()
            );
            """, connection, transaction))
        {
            await setUp.ExecuteNonQueryAsync(ct);
        }

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand($"select version from {Schema}.schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (version, sql) in Steps.Where(step => !applied.Contains(step.Version)))
        {
            await using var step = new NpgsqlCommand(sql + $"; insert into {Schema}.schema_migrations (version) values ({version})", connection, transaction);
            await step.ExecuteNonQueryAsync(ct);
            Log.SchemaStepApplied(logger, version);
        }

        await transaction.CommitAsync(ct);
    }
}
