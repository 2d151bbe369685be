using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Status;

/// <summary>How far behind a projection is.</summary>
/// <param name="Checkpoint">Its position in the log as (transaction/sequence), or null before its first batch.</param>
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
    int? InboxBacklog);

public sealed class StatusQueries(NpgsqlDataSource dataSource, IEnumerable<IProjection> projections)
{
    public async Task<StatusReport> GetAsync(InboxOptions? inbox, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        const string Events = EventStoreSchema.Schema + ".events";
        var events = await ScalarAsync<long>(connection, $"select count(*) from {Events}", ct);
        var articles = await ScalarAsync<long>(connection, $"select count(*) from {Events} where type = 'ArticleReceived'", ct);
        var rejected = await ScalarAsync<long>(connection, $"select count(*) from {Events} where type = 'ArticleRejected'", ct);
        var latestRules = await ScalarAsync<string?>(connection,
            $"select data->>'rulesVersion' from {Events} where stream_id = '{RulesCatalog.Stream}' order by version desc limit 1", ct);
        var info = await ReadModelSchema.InfoAsync(connection, null, ReadModelSchema.Live, ct);

        var statuses = new List<ProjectionStatus>();
        foreach (var projection in projections)
        {
            var checkpoint = info is null ? (LogPosition?)null : await CheckpointAsync(connection, projection.Name, ct);
            statuses.Add(await StatusOfAsync(connection, projection.Name, checkpoint, ct));
        }

        return new StatusReport(events, articles, rejected, info?.RulesVersion, latestRules, statuses, Backlog(inbox));
    }

    private static async Task<LogPosition?> CheckpointAsync(NpgsqlConnection connection, string projection, CancellationToken ct)
    {
        var position = await ProjectionRunner.ReadCheckpointAsync(connection, null, ReadModelSchema.Live, projection, ct);
        return position == LogPosition.Start ? null : position;
    }

    private static async Task<ProjectionStatus> StatusOfAsync(NpgsqlConnection connection, string name, LogPosition? checkpoint, CancellationToken ct)
    {
        var at = checkpoint ?? LogPosition.Start;
        await using var lag = new NpgsqlCommand($"select count(*) from {EventStoreSchema.Schema}.events where (tx_id, seq) > ($1, $2)", connection);
        lag.Parameters.Add(new NpgsqlParameter { Value = at.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        lag.Parameters.Add(new NpgsqlParameter { Value = at.Sequence });
        var behind = (long)(await lag.ExecuteScalarAsync(ct))!;

        DateTimeOffset? updated = null;
        if (checkpoint is not null)
        {
            await using var when = new NpgsqlCommand($"select updated_at from {ReadModelSchema.Live}.checkpoints where projection = $1", connection);
            when.Parameters.Add(new NpgsqlParameter { Value = name });
            updated = (DateTime?)await when.ExecuteScalarAsync(ct) is { } time ? new DateTimeOffset(time, TimeSpan.Zero) : null;
        }

        return new ProjectionStatus(name, checkpoint?.ToString(), behind, updated);
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
