using IngestWorker.EventStore;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.FaultHarness;

/// <summary>
/// The invariant of the inbox: every file dropped is exactly one article, duplicate, or rejection with a
/// reason; the log holds one event per distinct article and per refused file and nothing else; the read
/// models have caught up with the log.
/// </summary>
internal static class InvariantCheck
{
    /// <summary>Marten's own stream of placeholder events for sequence numbers a failed append used up: bookkeeping, not ours.</summary>
    private const string MartenTombstones = "mt_tombstone";

    public static async Task<(int Lost, int Doubled, List<string> Problems)> RunAsync(
        IReadOnlyList<DroppedFile> dropped, string inbox, string archive, string rejected, string connectionString, CancellationToken ct)
    {
        var problems = new List<string>();
        var duplicates = Path.Combine(archive, "duplicates");
        var fates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (folder, fate) in new[] { (archive, "archived"), (duplicates, "duplicate"), (rejected, "rejected"), (inbox, "still in the inbox") })
        {
            foreach (var name in Names(folder).Where(n => !n.EndsWith(".reason.txt", StringComparison.Ordinal)))
            {
                (fates.TryGetValue(name, out var list) ? list : fates[name] = []).Add(fate);
            }
        }

        var lost = 0;
        var doubled = 0;
        foreach (var file in dropped)
        {
            var fate = fates.GetValueOrDefault(file.Name) ?? [];
            if (fate.Count == 0 || fate.Contains("still in the inbox"))
            {
                lost++;
                problems.Add($"{file.Name}: {(fate.Count == 0 ? "found nowhere" : "still in the inbox")}");
            }
            else if (fate.Count > 1)
            {
                doubled++;
                problems.Add($"{file.Name}: {string.Join(" and ", fate)}");
            }
            else if (file.MustBeRefused != (fate[0] == "rejected"))
            {
                problems.Add($"{file.Name}: {fate[0]}, but it should have been {(file.MustBeRefused ? "rejected" : "taken")}");
            }
            else if (file.MustBeRefused && !File.Exists(Path.Combine(rejected, file.Name + ".reason.txt")))
            {
                problems.Add($"{file.Name}: rejected without a reason file");
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var articles = await CountsAsync(connection, $"select {LogSql.EventJson}->>'contentHash', count(*) from {LogSql.Events} where type = '{EventCatalogue.ArticleReceivedName}' group by 1", ct);
        var expected = dropped.Where(f => !f.MustBeRefused).Select(f => f.ContentHash!).ToHashSet(StringComparer.Ordinal);
        foreach (var (hash, count) in articles.Where(a => a.Value > 1 || !expected.Contains(a.Key)))
        {
            doubled += count - 1;
            problems.Add($"the log holds {count} article event(s) for {hash}{(expected.Contains(hash) ? string.Empty : ", which was never dropped")}");
        }

        foreach (var hash in expected.Where(h => !articles.ContainsKey(h)))
        {
            lost++;
            problems.Add($"the log has no article {hash}");
        }

        var rejections = await CountsAsync(connection, $"select data->>'fileName', count(*) from {LogStore.Schema}.mt_events where type = '{EventCatalogue.ArticleRejectedName}' group by 1", ct);
        foreach (var file in dropped.Where(f => f.MustBeRefused && rejections.GetValueOrDefault(f.Name) != 1))
        {
            problems.Add($"the log holds {rejections.GetValueOrDefault(file.Name)} rejection(s) of {file.Name}, not one");
        }

        var others = await ScalarAsync(connection,
            $"select count(*) from {LogStore.Schema}.mt_events where type not in ('{EventCatalogue.ArticleReceivedName}', '{EventCatalogue.ArticleRejectedName}', '{EventCatalogue.RulesAppliedName}') and stream_id <> '{MartenTombstones}'", ct);
        if (others > 0)
        {
            problems.Add($"the log holds {others} event(s) of other kinds");
        }

        var projected = await ScalarAsync(connection, $"select count(*) from {ReadModelSchema.Live}.articles", ct);
        if (projected != expected.Count)
        {
            problems.Add($"the articles read model lists {projected}, the log holds {expected.Count}");
        }

        return (lost, doubled, problems);
    }

    /// <summary>True when every live projection has applied the whole log.</summary>
    public static async Task<bool> CaughtUpAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var behind = await ScalarAsync(connection,
            $"""
            select count(*) from unnest(array['articles:All', 'claims:All']) as p(name)
            left join {LogStore.Schema}.mt_event_progression g on g.name = p.name
            where coalesce(g.last_seq_id, 0) < (select coalesce(max(seq_id), 0) from {LogStore.Schema}.mt_events)
            """, ct);
        return behind == 0;
    }

    private static IEnumerable<string> Names(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Select(path => Path.GetFileName(path)) : [];

    private static async Task<Dictionary<string, int>> CountsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
