using System.Globalization;
using IngestWorker.Core.Articles;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;

namespace IngestWorker.Status;

/// <summary>How far behind a projection is.</summary>
/// <param name="Checkpoint">The last sequence of the log it applied, or null before its first batch.</param>
/// <param name="Lag">Events in the log it has not applied yet (including those of transactions still in flight).</param>
public sealed record ProjectionStatus(string Name, string? Checkpoint, long Lag, DateTimeOffset? UpdatedAt);

/// <summary>What <c>status</c> and <c>GET /api/status</c> answer.</summary>
/// <param name="InboxBacklog">Files waiting in the inbox; null when this process does not know the inbox.</param>
/// <param name="ModelExtractorVersion">The version of the extractor that read the live model's claims.</param>
public sealed record StatusReport(
    long Events,
    long Articles,
    long Rejected,
    string? ModelRulesVersion,
    string? LatestRulesVersion,
    IReadOnlyList<ProjectionStatus> Projections,
    int? InboxBacklog,
    PoisonEvents Poison,
    string? ModelExtractorVersion = null,
    IReadOnlyList<RejectionCount>? RejectedByCode = null);

/// <summary>How many files were rejected with one code (<see cref="Core.Articles.RejectionCode"/>, or <c>unrecorded</c> for files rejected before codes).</summary>
public sealed record RejectionCount(string Code, long Count);

/// <summary>The events the live projections could not apply, kept as Marten's dead letters: how many, and the newest.</summary>
public sealed record PoisonEvents(long Count, IReadOnlyList<PoisonEvent> Latest);

/// <summary>An event a projection could not apply: skipped so the projection goes on; a replay tries it again.</summary>
public sealed record PoisonEvent(string Projection, long Sequence, string Error, DateTimeOffset At);

/// <summary>
/// Reads the status. The questions that arrive together share one reading (<see cref="BatchedRead{T}"/>):
/// 200 clients polling <c>/api/status</c> cost a few readings, not 200 scans of the log, and no status is
/// older than its question.
/// </summary>
public sealed class StatusQueries(NpgsqlDataSource dataSource, IDocumentStore store, ReadModelSet readModels)
{
    private const int LatestPoisonShown = 5;
    private readonly BatchedRead<StatusReport> _reading = new(() => ReadAsync(dataSource, store, readModels.LiveNames, CancellationToken.None));

    /// <param name="inboxBacklog">Files waiting in the inbox, as the host counted them; null when it has none.</param>
    public async Task<StatusReport> GetAsync(int? inboxBacklog, CancellationToken ct) =>
        (await _reading.ReadAsync(ct)) with { InboxBacklog = inboxBacklog };

    private static async Task<StatusReport> ReadAsync(NpgsqlDataSource dataSource, IDocumentStore store, IReadOnlyList<string> projections,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        long events, articles, rejected;
        await using (var counts = new NpgsqlCommand(LogSql.EventCounts, connection))
        await using (var reader = await counts.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (events, articles, rejected) = (reader.GetInt64(reader.GetOrdinal("events")), reader.GetInt64(reader.GetOrdinal("articles")),
                reader.GetInt64(reader.GetOrdinal("rejected")));
        }

        var rejections = await RejectionsAsync(connection, ct);
        var latestRules = await ScalarAsync<string?>(connection, LogSql.LatestRulesVersion, ct);
        var info = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);

        // Checkpoints are Marten's, read through its API; a projection's shards are named projection:key.
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var statuses = new List<ProjectionStatus>();
        foreach (var name in projections)
        {
            var shard = progress.FirstOrDefault(state => state.ShardName.Split(':')[0] == name);
            long? checkpoint = shard is null || shard.Sequence == 0 ? null : shard.Sequence;
            await using var lag = new NpgsqlCommand(LogSql.EventsAfter, connection);
            lag.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint ?? 0 });
            statuses.Add(new ProjectionStatus(name, checkpoint?.ToString(CultureInfo.InvariantCulture), (long)(await lag.ExecuteScalarAsync(ct))!,
                shard?.LastUpdated));
        }

        return new StatusReport(events, articles, rejected, info?.RulesVersion, latestRules, statuses, null, await PoisonAsync(store, ct),
            info?.ExtractorVersion, rejections);
    }

    /// <summary>The rejections by code, the most frequent first; codes read by name, whatever case the log stores them in.</summary>
    private static async Task<IReadOnlyList<RejectionCount>> RejectionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(LogSql.RejectionsByCode, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (codeColumn, countColumn) = (reader.GetOrdinal("code"), reader.GetOrdinal("count"));
        while (await reader.ReadAsync(ct))
        {
            var stored = reader.IsDBNull(codeColumn) ? null : reader.GetString(codeColumn);
            var code = Enum.TryParse<RejectionCode>(stored, ignoreCase: true, out var parsed) ? parsed.ToString() : "unrecorded";
            counts[code] = counts.GetValueOrDefault(code) + reader.GetInt64(countColumn);
        }

        return counts.Select(pair => new RejectionCount(pair.Key, pair.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The dead letters of the live projections (a replay's shadow keeps its own until it is swapped in).</summary>
    private static async Task<PoisonEvents> PoisonAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var live = session.Query<DeadLetterEvent>().Where(d => !d.ProjectionName.EndsWith(ReadModelSchema.ShadowSuffix));
        var count = await live.CountAsync(ct);
        var latest = await live.OrderByDescending(d => d.Timestamp).ThenByDescending(d => d.EventSequence).Take(LatestPoisonShown).ToListAsync(ct);
        return new PoisonEvents(count, latest.Select(d => new PoisonEvent(d.ProjectionName, d.EventSequence, d.ExceptionMessage, d.Timestamp)).ToList());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : (T)value;
    }
}
