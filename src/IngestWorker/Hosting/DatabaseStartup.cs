using IngestWorker.Replay;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using JasperFx;
using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Weasel.Core.Migrations;

namespace IngestWorker.Hosting;

/// <summary>Creates or upgrades the log's schema and readies the read model before anything else runs.</summary>
public sealed class DatabaseStartup(
    IDocumentStore store, NpgsqlDataSource dataSource, LegacyLogMigration legacy, ReadModelStartup readModel, LoadedRules rules, SchemaCreation schemaCreation,
    SchemaStamp stamp, StartTimeline timeline, IServiceProvider services)
    : IHostedService
{
    /// <summary>The session-level advisory lock that lets one process at a time create or migrate the schema.</summary>
    private const string SchemaLockKey = "ingest-schema-setup";

    /// <summary>Set at start when the read model's rules are not the worker's: <see cref="StartupReplay"/> replays once the worker runs.</summary>
    public bool ReplayNeeded { get; private set; }

    /// <summary>
    /// The schema's fingerprint, once this start has compared and migrated it: <see cref="SchemaStampRecord"/> records it
    /// after Wolverine, at its own start, has migrated its storage too. Null when there is nothing to record.
    /// </summary>
    public string? PendingStamp { get; private set; }

    /// <summary>For the worker: rebuilds a model of another shape at once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The host makes every hosted service (the Marten store, Wolverine's runtime) before it starts the first.
        timeline.Mark("services made");
        await UnderSchemaLockAsync(async () =>
        {
            await PrepareLogAsync(WolverineStorage.Find(services), cancellationToken);
            timeline.Mark("log schema ready");
            ReplayNeeded = await readModel.PrepareAsync(rules, cancellationToken);
            timeline.Mark("read model ready");
        }, cancellationToken);
        StopComparingSchema();
    }

    /// <summary>For one-shot verbs that write (replay): the schema and an empty model if none, never a replay.</summary>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        await UnderSchemaLockAsync(async () =>
        {
            await PrepareLogAsync(wolverine: null, ct);
            await readModel.EnsureCreatedAsync(rules, ct);
        }, ct);
        StopComparingSchema();
    }

    /// <summary>
    /// The schema is whole once the start has made it (or found it stamped as made), so Marten need not compare it
    /// again while the process runs. Left on, its bulk event insert compares the whole schema at each process's
    /// first batch: a start's catalogue queries paid again in the middle of the first drop (Marten skips them only
    /// under <see cref="AutoCreate.None"/>, its GH-4946).
    /// </summary>
    private void StopComparingSchema()
    {
        if (store is DocumentStore marten)
        {
            marten.Options.AutoCreateSchemaObjects = AutoCreate.None;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether a worker has made the log's schema in this database (a reader asks before reading, and creates nothing).</summary>
    public async Task<bool> LogExistsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select exists (select 1 from pg_namespace where nspname = $1)", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = LogStore.Schema });
        return (bool)(await exists.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// With schema creation off: whether the log's tables (Marten's, and Wolverine's beside them) are all there and as
    /// this worker expects them; the worker checks before it starts anything, and stops with one line when not.
    /// </summary>
    /// <exception cref="SchemaNotAppliedException">The schema is absent or behind this worker.</exception>
    public async Task AssertSchemaAppliedAsync(CancellationToken ct)
    {
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
        }
        catch (DatabaseValidationException e)
        {
            throw new SchemaNotAppliedException(e);
        }
    }

    /// <param name="wolverine">The worker's Wolverine storage, which the stamp covers with the log; null for a one-shot verb, which always compares.</param>
    private async Task PrepareLogAsync(WolverineStorage? wolverine, CancellationToken ct)
    {
        // With creation off the schema was checked before start (AssertSchemaAppliedAsync) and is the DBA's to change.
        // With it on, a worker whose schema, Wolverine's included, is stamped as its own compares none of it (SchemaStamp).
        if (schemaCreation.Enabled)
        {
            var check = wolverine is null ? null : await stamp.CheckAsync(wolverine.Objects, wolverine.Tables, ct);
            if (check is { Matches: true })
            {
                stamp.MarkChecked();
                wolverine!.SkipMigrationAtStart();
            }
            else
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                PendingStamp = check?.Fingerprint;
            }
        }

        // Moving an old log drops the read model built from it: its tables are made again, empty, for the daemon to fill,
        // whatever the stamp says.
        if (await legacy.MigrateAsync(ct) && schemaCreation.Enabled)
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        // Marten declares no compression, so its comparison leaves this alone, and the stamp does not cover it: asked at every start.
        if (schemaCreation.Enabled)
        {
            await using var compress = dataSource.CreateCommand(LogSql.CompressBodiesWithLz4);
            await compress.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Workers sharing one database start at once (a deployment of several): Marten's DDL run twice in parallel
    /// fails on objects the other has just made, so the second waits until the first has made them all.
    /// The lock is a session's, so a process that dies holding it frees it with its connection.
    /// </summary>
    private async Task UnderSchemaLockAsync(Func<Task> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtextextended($1, 0))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = SchemaLockKey });
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await work();
        }
        finally
        {
            // Released now, not when the pool next resets this connection: the other worker is waiting for it.
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = SchemaLockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
