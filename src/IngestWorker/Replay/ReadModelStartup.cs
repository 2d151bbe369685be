using IngestWorker.Core.Extraction;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Replay;

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
    public async Task<ModelVersion> EnsureCreatedAsync(LoadedRules rules, CancellationToken ct)
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
            // Recorded by the transaction that creates the model, so the log never names rules no model has.
            await AppendTurn.TakeAsync(connection, transaction, ct);
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
            if (await catalog.QueueRecordAsync(session, rules, ct))
            {
                await session.SaveChangesAsync(ct);
                Log.RulesRecorded(logger, rules.Rules.Version);
            }

            info = ModelVersion.Current(rules.Rules.Version);
            Log.ReadModelCreated(logger, rules.Rules.Version);
        }

        // The tables are Marten's to create (with the log's schema); a model that has none yet gets its row here.
        await ReadModelSchema.StampAsync(connection, transaction, ReadModelSchema.Live, info.RulesVersion, ct);
        await transaction.CommitAsync(ct);
        return info;
    }

    /// <summary>
    /// At worker start: create the model, or rebuild it at once when its shape is not this program's (nothing
    /// can project into it meanwhile).
    /// </summary>
    /// <returns>
    /// True when the model was built with other rules or another extractor and is to be replayed with the
    /// worker's, once the worker runs. A model read by another extractor is always replayed: unlike rules,
    /// an extractor's code cannot be kept beside the worker's, and its rows would mix with the new ones.
    /// </returns>
    public async Task<bool> PrepareAsync(LoadedRules rules, CancellationToken ct)
    {
        var model = await EnsureCreatedAsync(rules, ct);
        if (model.Shape != ReadModelSchema.Shape)
        {
            Log.RulesDiffer(logger, model.RulesVersion, rules.Rules.Version, "the read model has an older shape; rebuilding it");
            await replayer.ReplayAsync(rules, dryRun: false, ReplayProgress.ToLog(logger), ct);
            return false;
        }

        if (model.ExtractorDiffers)
        {
            Log.ExtractorDiffers(logger, model.ExtractorVersion ?? "unrecorded", ExtractorVersion.Current);
            return true;
        }

        if (model.RulesVersion == rules.Rules.Version)
        {
            return false;
        }

        Log.RulesDiffer(logger, model.RulesVersion, rules.Rules.Version, options.ReplayOnRulesChange
            ? "replaying the log with the worker's rules; the model in place serves until the new one is swapped in"
            : "keeping the model's rules; run `IngestWorker replay` to apply the worker's");
        return options.ReplayOnRulesChange;
    }
}
