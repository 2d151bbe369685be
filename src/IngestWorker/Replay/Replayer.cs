using IngestWorker.Core.Errors;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// Rebuilds every projection from the start of the log into a shadow schema with the given rules,
/// through Marten's rebuild of shadow projections (<c>articles_next</c>, <c>claims_next</c>) in a store
/// of the replay's own; reports what changed against the live model, then swaps the shadow in within one
/// transaction. Until that commit the live model is untouched, so a failed or killed replay changes nothing.
/// </summary>
public sealed class Replayer(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    RulesCatalog catalog,
    ReadModelSet readModels,
    ILogger<Replayer> logger)
{
    private const string ReplayLockKey = "ingest-replay";

    /// <summary>Events per rebuild batch: the rebuild is bound by extraction, and larger pages cost memory.</summary>
    public const int RebuildBatchSize = 5000;

    public async Task<ReplayReport> ReplayAsync(LoadedRules rules, bool dryRun, ReplayProgress progress, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await AdvisoryAsync(connection, "pg_try_advisory_lock", ct))
        {
            throw new ReplayBusyException();
        }

        try
        {
            catalog.Remember(rules.Rules);
            var live = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);
            var shadow = readModels.For(ReadModelSchema.Shadow, catalog);
            await CreateShadowAsync(connection, shadow, rules.Rules.Version, ct);
            await ForgetCheckpointsAsync(shadow, ct);

            await using var shadowStore = DocumentStore.For(options =>
            {
                LogStore.ConfigureLog(options, dataSource);
                readModels.Add(options, ReadModelSchema.Shadow, catalog, RebuildBatchSize);

                // No daemon runs these continuously: the replay drives their rebuild itself.
                options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged;
            });

            var total = await store.Advanced.FetchEventStoreStatistics(token: ct);
            progress.Started(shadow.Select(p => p.BaseName).ToList(), total.EventCount);
            using (var daemon = await shadowStore.BuildProjectionDaemonAsync())
            {
                await RebuildAsync(daemon, shadow, progress, ct);
            }

            var (troops, bases) = await ReplayDiff.ComputeAsync(connection, live is null ? null : ReadModelSchema.Live, ReadModelSchema.Shadow, ct);
            var report = new ReplayReport(live?.RulesVersion, rules.Rules.Version, total.EventCount, !dryRun, troops, bases);
            if (dryRun)
            {
                await ReadModelSchema.DropAsync(connection, null, ReadModelSchema.Shadow, ct);
                await ForgetCheckpointsAsync(shadow, ct);
            }
            else
            {
                await SwapAsync(connection, shadowStore, shadow, rules, liveExists: live is not null, ct);
                await ForgetCheckpointsAsync(shadow, ct);
                Log.ReplayApplied(logger, live?.RulesVersion ?? "none", rules.Rules.Version, troops.Count + bases.Count);
            }

            progress.Finished();
            return report;
        }
        finally
        {
            await AdvisoryAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    /// <summary>
    /// Marten's rebuild of the shadow projections, all at once (each reads the log on its own, and one waits
    /// on the database while another extracts), with their checkpoints polled for progress from this one loop.
    /// </summary>
    private async Task RebuildAsync(JasperFx.Events.Daemon.IProjectionDaemon daemon, IReadOnlyList<ReadModelProjection> shadow, ReplayProgress progress,
        CancellationToken ct)
    {
        var rebuilds = shadow.Select(projection => daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromHours(1), ct)).ToList();
        var all = Task.WhenAll(rebuilds);
        var reported = new long[shadow.Count];
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(250), ct)) != all)
        {
            await ReportAsync(shadow, reported, progress, ct);
        }

        await all;
        await ReportAsync(shadow, reported, progress, ct);
    }

    private async Task ReportAsync(IReadOnlyList<ReadModelProjection> shadow, long[] reported, ReplayProgress progress, CancellationToken ct)
    {
        var checkpoints = await CheckpointsAsync(ct);
        for (var i = 0; i < shadow.Count; i++)
        {
            var now = checkpoints.GetValueOrDefault(shadow[i].Name);
            if (now > reported[i])
            {
                progress.Advanced(shadow[i].BaseName, (int)(now - reported[i]));
                reported[i] = now;
            }
        }
    }

    /// <summary>
    /// The last sequence each projection applied, from Marten's progress (its shards are named
    /// <c>projection:key</c>; ours have one shard each).
    /// </summary>
    private async Task<Dictionary<string, long>> CheckpointsAsync(CancellationToken ct) =>
        (await store.Advanced.AllProjectionProgress(token: ct))
            .GroupBy(state => ProjectionOf(state.ShardName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(state => state.Sequence), StringComparer.Ordinal);

    /// <summary>Drops Marten's progress of the shadow's projections, so the next rebuild of a shadow starts from nothing.</summary>
    private async Task ForgetCheckpointsAsync(IReadOnlyList<ReadModelProjection> shadow, CancellationToken ct)
    {
        var names = shadow.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var state in await store.Advanced.AllProjectionProgress(token: ct))
        {
            if (names.Contains(ProjectionOf(state.ShardName)))
            {
                await ((JasperFx.Events.IEventDatabase)store.Storage.Database).DeleteProjectionProgressByShardNameAsync(state.ShardName, ct);
            }
        }
    }

    private static string ProjectionOf(string shardName) => shardName.Split(':')[0];

    private static async Task CreateShadowAsync(NpgsqlConnection connection, IReadOnlyList<ReadModelProjection> shadow, string rulesVersion, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A shadow left by a replay that was killed is stale: start again from nothing.
        await ReadModelSchema.DropAsync(connection, transaction, ReadModelSchema.Shadow, ct);
        await ReadModelSchema.CreateAsync(connection, transaction, ReadModelSchema.Shadow, shadow, rulesVersion, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Puts the shadow in place of the live model in one transaction. The live tables are locked first,
    /// so no live batch writes while the models change places; the shadow is then brought up to every
    /// event committed by now. The live projections keep their own checkpoints: whatever they apply
    /// again lands on rows that are already there (inserts do nothing on conflict), and a live batch
    /// that read the old model's rules fails on the new tables' rules check and is read again. The rules are
    /// recorded in the log by the same transaction, so the log never names rules that no model was built with.
    /// </summary>
    private async Task SwapAsync(NpgsqlConnection connection, IDocumentStore shadowStore, IReadOnlyList<ReadModelProjection> shadow,
        LoadedRules rules, bool liveExists, CancellationToken ct)
    {
        // The shadow's daemon is done: its checkpoints stand still while the live tables are locked.
        var checkpoints = await CheckpointsAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (liveExists)
        {
            // Each projection names the tables it writes; a new read model is locked without a word here.
            var tables = string.Join(", ", shadow.SelectMany(p => p.Tables).Select(table => $"{ReadModelSchema.Live}.{table}"));
            await using var lockLive = new NpgsqlCommand($"lock table {tables} in exclusive mode", connection, transaction);
            await lockLive.ExecuteNonQueryAsync(ct);
        }

        await CatchUpAsync(transaction, shadowStore, shadow, rules, checkpoints, ct);
        await ReadModelSchema.SwapInShadowAsync(connection, transaction, shadow, liveExists, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task CatchUpAsync(NpgsqlTransaction transaction, IDocumentStore shadowStore, IReadOnlyList<ReadModelProjection> shadow,
        LoadedRules rules, IReadOnlyDictionary<string, long> checkpoints, CancellationToken ct)
    {
        await using var session = shadowStore.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        foreach (var projection in shadow)
        {
            var after = checkpoints.GetValueOrDefault(projection.Name);
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            await projection.ApplyAsync(session, events.Cast<IEvent>().ToList(), ct);
        }

        await catalog.QueueRecordAsync(session, rules, ct);
        await session.SaveChangesAsync(ct);
    }

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string function, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ReplayLockKey });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>Another replay holds the database's replay lock.</summary>
public sealed class ReplayBusyException()
    : IngestWorkerException(ErrorCode.ReplayBusy, "Another replay is running against this database; wait for it to finish.");
