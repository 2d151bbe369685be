using IngestWorker.Replay;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Projections;

/// <summary>
/// Makes sure a live read model exists before anything projects or queries, and that it was built with
/// the rules the worker runs with: when they differ the worker says so and replays (unless told not to).
/// </summary>
public sealed class ReadModelStartup(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    RulesCatalog catalog,
    Replayer replayer,
    ProjectionOptions options,
    ILogger<ReadModelStartup> logger)
{
    private const string SetupLockKey = "ingest-read-model-setup";

    /// <summary>Creates the live model when there is none (with <paramref name="rules"/>); never replays.</summary>
    public async Task<(string RulesVersion, int Shape)> EnsureCreatedAsync(LoadedRules rules, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var setupLock = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            setupLock.Parameters.Add(new NpgsqlParameter { Value = SetupLockKey });
            await setupLock.ExecuteNonQueryAsync(ct);
        }

        var info = await ReadModelSchema.InfoAsync(connection, transaction, ReadModelSchema.Live, ct);
        if (info is null)
        {
            if (await catalog.RecordAsync(store, rules, ct))
            {
                Log.RulesRecorded(logger, rules.Rules.Version);
            }

            info = (rules.Rules.Version, ReadModelSchema.Shape);
            Log.ReadModelCreated(logger, rules.Rules.Version);
        }

        // Idempotent: also adds the tables of a projection that is new in this version of the program.
        await ReadModelSchema.CreateAsync(connection, transaction, ReadModelSchema.Live,
            ReadModelProjections.For(ReadModelSchema.Live, catalog), info.Value.RulesVersion, ct);
        await transaction.CommitAsync(ct);
        return info.Value;
    }

    /// <summary>At worker start: create the model, or rebuild it when its shape or rules are not the worker's.</summary>
    public async Task PrepareAsync(LoadedRules rules, CancellationToken ct)
    {
        var (modelRules, shape) = await EnsureCreatedAsync(rules, ct);
        if (shape != ReadModelSchema.Shape)
        {
            Log.RulesDiffer(logger, modelRules, rules.Rules.Version, "the read model has an older shape; rebuilding it");
            await replayer.ReplayAsync(rules, dryRun: false, ReplayProgress.ToLog(logger), ct);
        }
        else if (modelRules != rules.Rules.Version)
        {
            if (options.ReplayOnRulesChange)
            {
                Log.RulesDiffer(logger, modelRules, rules.Rules.Version, "replaying the log with the worker's rules");
                await replayer.ReplayAsync(rules, dryRun: false, ReplayProgress.ToLog(logger), ct);
            }
            else
            {
                Log.RulesDiffer(logger, modelRules, rules.Rules.Version, "keeping the model's rules; run `IngestWorker replay` to apply the worker's");
            }
        }
    }
}
