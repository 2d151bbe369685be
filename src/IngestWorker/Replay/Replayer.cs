using System.Diagnostics;
using IngestWorker.Core.Errors;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// Rebuilds every projection from the start of the log into a shadow schema with the given rules, reports what
/// changed against the live model, then swaps the shadow in within one transaction. Until that commit the live
/// model is untouched, so a failed or killed replay changes nothing. The log is split into ranges (a
/// <see cref="ReplayPlan"/>) that every worker on the database applies, each on all its cores: the running
/// worker publishes one message per range to Wolverine's queue of <see cref="ReplayRangeQueue"/>, all in one
/// outbox transaction, as an invitation to the other workers (its own listener of the queue stands aside meanwhile),
/// and at once takes ranges nobody holds on every core of its own (from the end of the log, while the messages
/// name ranges from its start) until all are done.
/// </summary>
public sealed class Replayer(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    RulesCatalog catalog,
    ReadModelSet readModels,
    ReplayRangeWork work,
    ProjectionOptions options,
    ILogger<Replayer> logger,
    ReplayRangeQueue? queue = null)
{
    private const string ReplayLockKey = "ingest-replay";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<ReplayReport> ReplayAsync(LoadedRules rules, bool dryRun, ReplayProgress progress, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await AdvisoryAsync(connection, "pg_try_advisory_lock", ct))
        {
            throw new ReplayBusyException();
        }

        var replayId = Guid.NewGuid();
        try
        {
            var clock = Stopwatch.StartNew();
            catalog.Remember(rules.Rules);
            var live = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);
            var shadow = readModels.For(ReadModelSchema.Shadow, catalog);

            // A killed replay's plan goes first (waiting for any worker still in one of its ranges), then its shadow.
            await ReplayPlan.ClearAsync(connection, ct);
            await CreateShadowAsync(connection, shadow, rules.Rules.Version, ct);

            var end = await ReplayPlan.SettledEndAsync(connection, ct);
            var ranges = ReplayPlan.Split(end, Environment.ProcessorCount);
            await ReplayPlan.CreateAsync(connection, replayId, rules, ranges, ct);
            var total = await store.Advanced.FetchEventStoreStatistics(token: ct);
            var planned = clock.Elapsed;
            await using var listeningAgain = queue is null ? null : await queue.StandAsideAsync();
            if (queue is not null)
            {
                await queue.PublishAsync(ranges.Select(r => new ReplayRange(replayId, r.First, r.Last)).ToList(), ct);
            }

            var published = clock.Elapsed;
            progress.Started(shadow.Select(p => p.BaseName).ToList(), total.EventCount);

            var workers = await ApplyAllAsync(connection, replayId, shadow, progress, ct);
            if (queue is not null)
            {
                await queue.ForgetInvitationsAsync();
            }

            var applied = clock.Elapsed;

            // The keys go first: building them is what finds the rows of a stream's later article, which neither the diff nor the model may see.
            await KeyShadowAsync(shadow, ct);

            // The shadow's indexes and references are built while the diff reads it: both cores work, and neither waits for the other.
            var diff = ReplayDiff.ComputeAsync(dataSource, live is null ? null : ReadModelSchema.Live, ReadModelSchema.Shadow, ct);
            var completed = dryRun ? Task.CompletedTask : CompleteShadowAsync(shadow, ct);
            await Task.WhenAll(diff, completed);
            var (troops, bases) = await diff;
            var diffed = clock.Elapsed;
            var report = new ReplayReport(live?.RulesVersion, rules.Rules.Version, total.EventCount, !dryRun, troops, bases) { Workers = workers };
            if (dryRun)
            {
                await ReadModelSchema.DropAsync(connection, null, ReadModelSchema.Shadow, ct);
            }
            else
            {
                await SwapAsync(connection, shadow, rules, end, liveExists: live is not null, ct);
                Log.ReplayApplied(logger, live?.RulesVersion ?? "none", rules.Rules.Version, troops.Count + bases.Count);
            }

            Log.ReplayPhases(logger, ranges.Count, planned.TotalMilliseconds, (published - planned).TotalMilliseconds, (applied - published).TotalMilliseconds,
                (diffed - applied).TotalMilliseconds, (clock.Elapsed - diffed).TotalMilliseconds);

            progress.Finished();
            return report;
        }
        finally
        {
            await ReplayPlan.ForgetAsync(connection, replayId, CancellationToken.None);
            await AdvisoryAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    /// <summary>
    /// Takes ranges nobody holds on every core until every range is done, whoever did it, telling
    /// <paramref name="progress"/> as ranges are done. Other workers take ranges at the same time through the queue;
    /// a range one of them held when it died is free again and taken here.
    /// </summary>
    /// <returns>How many workers applied ranges.</returns>
    private async Task<int> ApplyAllAsync(NpgsqlConnection connection, Guid replayId, IReadOnlyList<ReadModelProjection> shadow,
        ReplayProgress progress, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var taking = Task.WhenAll(Enumerable.Range(0, options.ReplayCoresOrAll).Select(_ => TakeRangesAsync(replayId, stop.Token)));
        try
        {
            long reported = 0;
            while (true)
            {
                var now = await ReplayPlan.ProgressAsync(connection, replayId, ct);
                if (now.Events > reported || now.RangesLeft == 0)
                {
                    foreach (var projection in shadow)
                    {
                        progress.Advanced(projection.BaseName, (int)(now.Events - reported));
                    }

                    reported = now.Events;
                }

                if (now.RangesLeft == 0)
                {
                    return now.Workers;
                }

                if (taking.IsFaulted)
                {
                    await taking;
                }

                await Task.WhenAny(taking, Task.Delay(PollInterval, ct));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await taking.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>One taker: applies ranges nobody holds; when none is free, waits, since a worker that dies leaves its range free again.</summary>
    private async Task TakeRangesAsync(Guid replayId, CancellationToken ct)
    {
        await Task.Yield();
        while (true)
        {
            if (await work.ApplyNextAsync(replayId, ct))
            {
                continue;
            }

            await using var connection = await dataSource.OpenConnectionAsync(ct);
            if ((await ReplayPlan.ProgressAsync(connection, replayId, ct)).RangesLeft == 0)
            {
                return;
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    private static async Task CreateShadowAsync(NpgsqlConnection connection, IReadOnlyList<ReadModelProjection> shadow, string rulesVersion, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A shadow left by a replay that was killed is stale: start again from nothing.
        await ReadModelSchema.DropAsync(connection, transaction, ReadModelSchema.Shadow, ct);
        await ReadModelSchema.CreateAsync(connection, transaction, ReadModelSchema.Shadow, shadow, rulesVersion, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The primary keys of the shadow's tables, loaded bare by the ranges: each table on a connection of its own.</summary>
    private async Task KeyShadowAsync(IReadOnlyList<ReadModelProjection> shadow, CancellationToken ct) =>
        await Task.WhenAll(ReadModelSchema.RowTables(ReadModelSchema.Shadow, shadow).Select(async table =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var later = await ReadModelSchema.KeyAsync(connection, table, ct);
            if (later > 0)
            {
                Log.ReplayKeptEarlierRows(logger, table.Identifier.QualifiedName, later);
            }
        }));

    private async Task CompleteShadowAsync(IReadOnlyList<ReadModelProjection> shadow, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ReadModelSchema.CompleteAsync(connection, ReadModelSchema.Shadow, shadow, ct);
    }

    /// <summary>
    /// Puts the shadow in place of the live model in one transaction. The live tables are locked first,
    /// so no live batch writes while the models change places; the shadow is then brought up to every
    /// event committed by now. The live projections keep their own checkpoints: whatever they apply
    /// again lands on rows that are already there (inserts do nothing on conflict), and a live batch
    /// that read the old model's rules fails on the new tables' rules check and is read again. The rules are
    /// recorded in the log by the same transaction, so the log never names rules that no model was built with.
    /// </summary>
    private async Task SwapAsync(NpgsqlConnection connection, IReadOnlyList<ReadModelProjection> shadow, LoadedRules rules, long replayedTo,
        bool liveExists, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (liveExists)
        {
            // Each projection names the tables it writes; a new read model is locked without a word here.
            var tables = string.Join(", ", shadow.SelectMany(p => p.Tables).Select(table => $"{ReadModelSchema.Live}.{table}"));
            await using var lockLive = new NpgsqlCommand($"lock table {tables} in exclusive mode", connection, transaction);
            await lockLive.ExecuteNonQueryAsync(ct);
        }

        await CatchUpAsync(transaction, shadow, rules, replayedTo, ct);
        await ReadModelSchema.SwapInShadowAsync(connection, transaction, shadow, liveExists, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task CatchUpAsync(NpgsqlTransaction transaction, IReadOnlyList<ReadModelProjection> shadow, LoadedRules rules, long replayedTo,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > replayedTo)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        foreach (var projection in shadow)
        {
            await projection.ApplyAsync(session, events.Cast<IEvent>().ToList(), ct);
        }

        await AppendTurn.TakeAsync(transaction.Connection!, transaction, ct);
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
