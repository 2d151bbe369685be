using IngestWorker.EventStore;
using IngestWorker.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// Rebuilds every projection from the start of the log into a shadow schema with the given rules,
/// reports what changed against the live model, then swaps the shadow in within one transaction.
/// Until that commit the live model is untouched, so a failed or killed replay changes nothing.
/// </summary>
public sealed class Replayer(
    NpgsqlDataSource dataSource,
    IEnumerable<IProjection> projections,
    RulesCatalog catalog,
    ProjectionOptions options,
    ILogger<Replayer> logger)
{
    private const string ReplayLockKey = "ingest-replay";

    public async Task<ReplayReport> ReplayAsync(LoadedRules rules, bool dryRun, ReplayProgress progress, CancellationToken ct)
    {
        var all = projections.ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await AdvisoryAsync(connection, "pg_try_advisory_lock", ct))
        {
            throw new InvalidOperationException("Another replay is running against this database; wait for it to finish.");
        }

        try
        {
            catalog.Remember(rules.Rules);
            var live = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);
            await CreateShadowAsync(connection, all, rules.Rules.Version, ct);

            progress.Started(all.Select(p => p.Name).ToList(), await CountEventsAsync(connection, ct));
            long replayed = 0;
            foreach (var projection in all)
            {
                replayed += await ProjectionRunner.CatchUpAsync(dataSource, connection, ReadModelSchema.Shadow, projection, catalog, options.ReplayBatch,
                    events =>
                    {
                        progress.Advanced(projection.Name, events);
                        ct.ThrowIfCancellationRequested();
                    }, ct);
            }

            var (troops, bases) = await ReplayDiff.ComputeAsync(connection, live is null ? null : ReadModelSchema.Live, ReadModelSchema.Shadow, ct);
            var report = new ReplayReport(live?.RulesVersion, rules.Rules.Version, replayed / Math.Max(1, all.Count), !dryRun, troops, bases);
            if (dryRun)
            {
                await ReadModelSchema.DropAsync(connection, null, ReadModelSchema.Shadow, ct);
            }
            else
            {
                await catalog.RecordAsync(rules, ct);
                await SwapAsync(connection, all, liveExists: live is not null, ct);
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

    private static async Task CreateShadowAsync(NpgsqlConnection connection, IReadOnlyList<IProjection> all, string rulesVersion, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A shadow left by a replay that was killed is stale: start again from nothing.
        await ReadModelSchema.DropAsync(connection, transaction, ReadModelSchema.Shadow, ct);
        await ReadModelSchema.CreateAsync(connection, transaction, ReadModelSchema.Shadow, all, rulesVersion, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Waits for the live appliers to finish their batch (their locks), brings the shadow up to the
    /// very end of the log, and puts it in place of the live model, all in one transaction.
    /// </summary>
    private async Task SwapAsync(NpgsqlConnection connection, IReadOnlyList<IProjection> all, bool liveExists, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var projection in all)
        {
            await ProjectionRunner.LockAsync(connection, transaction, ReadModelSchema.Live, projection.Name, ct);
        }

        foreach (var projection in all)
        {
            while (await ProjectionRunner.ApplyNextAsync(connection, transaction, ReadModelSchema.Shadow, projection, catalog, options.ReplayBatch, ct) > 0)
            {
            }
        }

        await ReadModelSchema.SwapInShadowAsync(connection, transaction, liveExists, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<long> CountEventsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {EventStoreSchema.Schema}.events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string function, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ReplayLockKey });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
