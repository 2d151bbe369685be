using System.Globalization;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Status;

/// <summary>How far behind a projection is.</summary>
/// <param name="Checkpoint">The last sequence of the log it applied, or null before its first batch.</param>
/// <param name="Lag">Events in the log it has not applied yet (including those of transactions still in flight).</param>
public sealed record ProjectionStatus(string Name, string? Checkpoint, long Lag, DateTimeOffset? UpdatedAt);

/// <summary>What <c>status</c> and <c>GET /api/status</c> answer.</summary>
/// <param name="InboxBacklog">Files waiting in the inbox; null when this process does not know the inbox.</param>
public sealed record StatusReport(
    long Events,
    long Articles,
    long Rejected,
    string? ModelRulesVersion,
    string? LatestRulesVersion,
    IReadOnlyList<ProjectionStatus> Projections,
    int? InboxBacklog,
    IReadOnlyList<ParkedEvent> Parked);

/// <summary>An event a projection could not apply: set aside so the projection goes on; a replay tries it again.</summary>
public sealed record ParkedEvent(string Projection, long Sequence, string Error, DateTimeOffset At);

/// <summary>
/// Reads the status. The questions that arrive together share one reading (<see cref="BatchedRead{T}"/>):
/// 200 clients polling <c>/api/status</c> cost a few readings, not 200 scans of the log, and no status is
/// older than its question.
/// </summary>
public sealed class StatusQueries(NpgsqlDataSource dataSource, ReadModelSet readModels)
{
    private const string Events = LogStore.Schema + ".mt_events";
    private const int MaxParkedShown = 20;
    private readonly BatchedRead<StatusReport> _reading = new(() => ReadAsync(dataSource, readModels.LiveNames, CancellationToken.None));

    public async Task<StatusReport> GetAsync(InboxOptions? inbox, CancellationToken ct) =>
        (await _reading.ReadAsync(ct)) with { InboxBacklog = Backlog(inbox) };

    private static async Task<StatusReport> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> projections, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        long events, articles, rejected;
        await using (var counts = new NpgsqlCommand(
            $"""
            select count(*),
                   count(*) filter (where type = '{EventCatalogue.ArticleReceivedName}'),
                   count(*) filter (where type = '{EventCatalogue.ArticleRejectedName}')
            from {Events}
            """, connection))
        await using (var reader = await counts.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (events, articles, rejected) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var latestRules = await ScalarAsync<string?>(connection,
            $"select data->>'rulesVersion' from {Events} where stream_id = '{EventCatalogue.RulesStream}' order by version desc limit 1", ct);
        var info = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);

        var statuses = new List<ProjectionStatus>();
        foreach (var name in projections)
        {
            statuses.Add(await StatusOfAsync(connection, name, ct));
        }

        return new StatusReport(events, articles, rejected, info?.RulesVersion, latestRules, statuses, null, await ParkedAsync(connection, ct));
    }

    /// <summary>A projection's checkpoint is Marten's: the last sequence it applied, in the progression table.</summary>
    private static async Task<ProjectionStatus> StatusOfAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select p.last_seq_id, p.last_updated,
                   (select count(*) from {Events} e where e.seq_id > coalesce(p.last_seq_id, 0))
            from (select $1::text as name) n
            left join {LogStore.Schema}.mt_event_progression p on p.name = n.name || ':All'
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        long? checkpoint = reader.IsDBNull(0) || reader.GetInt64(0) == 0 ? null : reader.GetInt64(0);
        DateTimeOffset? updated = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return new ProjectionStatus(name, checkpoint?.ToString(CultureInfo.InvariantCulture), reader.GetInt64(2), updated);
    }

    /// <summary>The newest events the live model's projections set aside.</summary>
    private static async Task<IReadOnlyList<ParkedEvent>> ParkedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var parked = new List<ParkedEvent>();
        if (!await ScalarAsync<bool>(connection, $"select to_regclass('{ReadModelSchema.Live}.parked_events') is not null", ct))
        {
            return parked;
        }

        await using var command = new NpgsqlCommand(
            $"select projection, seq, error, parked_at from {ReadModelSchema.Live}.parked_events order by parked_at desc, seq desc limit {MaxParkedShown}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            parked.Add(new ParkedEvent(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return parked;
    }

    private static int? Backlog(InboxOptions? inbox)
    {
        if (inbox is null || !Directory.Exists(inbox.ResolvedInbox))
        {
            return null;
        }

        return new DirectoryInfo(inbox.ResolvedInbox).EnumerateFiles().Count(file => InboxOptions.IsCandidate(file.Name));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull or null ? default! : (T)value;
    }
}
