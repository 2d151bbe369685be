using System.Collections.Concurrent;
using System.Diagnostics;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// Applies one range of a replay to the shadow model, in one transaction with the mark that it is done: the
/// range's events are read (Marten's raw events, in order) and handed to every shadow projection, and the rows they read
/// are copied into the shadow's tables (binary <c>COPY</c>, which the shadow takes without keys until every range is in).
/// A worker killed mid-range leaves nothing of it: its rows go with its transaction, and the range is taken again.
/// </summary>
public sealed class ReplayRangeWork(NpgsqlDataSource dataSource, IDocumentStore store, RulesCatalog catalog, ReadModelSet readModels,
    ILogger<ReplayRangeWork> logger)
{
    private readonly ConcurrentDictionary<Guid, bool> _rulesKnown = new();

    /// <summary>This worker, as the plan records who did a range (one per host, so two hosts in one process differ).</summary>
    public string Worker { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Applies <paramref name="range"/> unless it is done, held by another worker, or its replay is over.</summary>
    public Task<bool> ApplyAsync(ReplayRange range, CancellationToken ct) => ApplyAsync(range.ReplayId, range.First, ct);

    /// <summary>Applies any range of the replay that nobody holds; false when there is none to take now.</summary>
    public Task<bool> ApplyNextAsync(Guid replayId, CancellationToken ct) => ApplyAsync(replayId, first: null, ct);

    private async Task<bool> ApplyAsync(Guid replayId, long? first, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ReplayPlan.CommitWithoutFlushAsync(connection, transaction, ct);
        var range = await ReplayPlan.TakeAsync(connection, transaction, replayId, first, ct);
        if (range is null || !await KnowRulesAsync(connection, transaction, replayId, ct))
        {
            return false;
        }

        var taken = clock.Elapsed;
        TimeSpan read, projected, written;

        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            var events = (await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence >= range.First && e.Sequence <= range.Last)
                    .OrderBy(e => e.Sequence)
                    .ToListAsync(ct))
                .Cast<IEvent>().ToList();
            read = clock.Elapsed;
            var rows = new List<RowSet>();
            foreach (var projection in readModels.For(ReadModelSchema.Shadow, catalog))
            {
                await projection.ApplyAsync(session, events, rows.Add, ct);
            }

            projected = clock.Elapsed;
            await RowSet.CopyAsync(connection, rows, ct);
            var (sql, arguments) = ReplayPlan.MarkDone(range, events.Count, Worker);
            session.QueueSqlCommand(sql, arguments);
            await session.SaveChangesAsync(ct);
            written = clock.Elapsed;
        }

        await transaction.CommitAsync(ct);
        Log.ReplayRangeApplied(logger, range.First, range.Last, taken.TotalMilliseconds, (read - taken).TotalMilliseconds,
            (projected - read).TotalMilliseconds, (written - projected).TotalMilliseconds, (clock.Elapsed - written).TotalMilliseconds);
        return true;
    }

    /// <summary>A worker started with other rules learns the replay's from its plan, once per replay.</summary>
    private async Task<bool> KnowRulesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid replayId, CancellationToken ct)
    {
        if (_rulesKnown.ContainsKey(replayId))
        {
            return true;
        }

        var rules = await ReplayPlan.RulesAsync(connection, transaction, replayId, ct);
        if (rules is null)
        {
            return false;
        }

        catalog.Remember(rules.Rules);
        _rulesKnown.TryAdd(replayId, true);
        return true;
    }
}
