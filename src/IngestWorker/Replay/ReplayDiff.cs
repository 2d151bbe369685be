using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// Compares the claims of two read models. A claim that moved (same article, same sentence, same
/// subject, other figure or status) is one change, not a removal and an addition.
/// </summary>
internal static class ReplayDiff
{
    private sealed record Row(string StreamId, string Quote, string Subject, string Identity, string Shown, string Article);

    public static async Task<(IReadOnlyList<ClaimChange> Troops, IReadOnlyList<ClaimChange> Bases)> ComputeAsync(
        NpgsqlConnection connection, string? liveSchema, string shadowSchema, CancellationToken ct)
    {
        static string TroopsSql(string schema) => $"""
            select stream_id, quote, location,
                   concat_ws(' ', force, kind, bound, count::text, 'as of', coalesce(as_of, '?'), 'at ' || site),
                   coalesce(title, stream_id)
            from {schema}.troop_counts
            """;
        static string BasesSql(string schema) => $"""
            select stream_id, quote, base, concat_ws(' ', status, 'as of', coalesce(as_of, '?')), coalesce(title, stream_id)
            from {schema}.base_statements
            """;
        var troops = Compare(
            liveSchema is null ? [] : await ReadAsync(connection, TroopsSql(liveSchema), ct),
            await ReadAsync(connection, TroopsSql(shadowSchema), ct));
        var bases = Compare(
            liveSchema is null ? [] : await ReadAsync(connection, BasesSql(liveSchema), ct),
            await ReadAsync(connection, BasesSql(shadowSchema), ct));
        return (troops, bases);
    }

    private static List<ClaimChange> Compare(List<Row> before, List<Row> after)
    {
        var removed = Remaining(before, after);
        var added = Remaining(after, before);
        var changes = new List<ClaimChange>();
        foreach (var old in removed.ToList())
        {
            var replacement = added.FirstOrDefault(n => n.StreamId == old.StreamId && n.Quote == old.Quote && n.Subject == old.Subject);
            if (replacement is not null)
            {
                removed.Remove(old);
                added.Remove(replacement);
                changes.Add(new ClaimChange(ClaimChange.Changed, old.Subject, old.Article, old.Shown, replacement.Shown));
            }
        }

        changes.AddRange(removed.Select(r => new ClaimChange(ClaimChange.Removed, r.Subject, r.Article, r.Shown, null)));
        changes.AddRange(added.Select(a => new ClaimChange(ClaimChange.Added, a.Subject, a.Article, null, a.Shown)));
        return changes.OrderBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.Article, StringComparer.Ordinal).ToList();
    }

    /// <summary>Rows of <paramref name="side"/> that <paramref name="other"/> lacks, as multisets.</summary>
    private static List<Row> Remaining(List<Row> side, List<Row> other)
    {
        var pool = other.GroupBy(r => r.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var remaining = new List<Row>();
        foreach (var row in side)
        {
            if (pool.TryGetValue(row.Identity, out var left) && left > 0)
            {
                pool[row.Identity] = left - 1;
            }
            else
            {
                remaining.Add(row);
            }
        }

        return remaining;
    }

    private static async Task<List<Row>> ReadAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (streamId, quote, subject, shown) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            rows.Add(new Row(streamId, quote, subject, string.Join('\u001f', streamId, quote, subject, shown), shown, reader.GetString(4)));
        }

        return rows;
    }
}
