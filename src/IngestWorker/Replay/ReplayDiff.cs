using IngestWorker.Projections;
using Npgsql;
using IngestWorker.Database;

namespace IngestWorker.Replay;

/// <summary>
/// Compares the claims of two read models. A claim that moved (same article, same sentence, same
/// subject, other figure or status) is one change, not a removal and an addition.
/// </summary>
internal static class ReplayDiff
{
    private sealed record Row(string StreamId, string Quote, string Subject, string Shown, string Article, long Surplus);

    /// <summary>The two tables are compared at once, each on a connection of its own: one per core of a two-core machine.</summary>
    public static async Task<(IReadOnlyList<ClaimChange> Troops, IReadOnlyList<ClaimChange> Bases)> ComputeAsync(
        NpgsqlDataSource dataSource, string? liveSchema, string shadowSchema, CancellationToken ct)
    {
        static string TroopsSql(string schema) => $"""
            select stream_id, quote, location as subject,
                   concat_ws(' ', force, kind, bound, count::text, 'as of', coalesce(as_of, '?'), 'at ' || site) as shown,
                   coalesce(title, stream_id) as article
            from {schema}.troop_counts
            """;
        static string BasesSql(string schema) => $"""
            select stream_id, quote, base as subject, concat_ws(' ', status, 'as of', coalesce(as_of, '?')) as shown,
                   coalesce(title, stream_id) as article
            from {schema}.base_statements
            """;
        var troops = CompareAsync(dataSource, liveSchema, shadowSchema, TroopsSql, ct);
        var bases = CompareAsync(dataSource, liveSchema, shadowSchema, BasesSql, ct);
        return (await troops, await bases);
    }

    /// <summary>
    /// The server sets the rows both models share aside, as multisets, in one pass over both tables (each row counted +1
    /// in the live model and −1 in the shadow, the rows whose count is not 0 kept), so only what the rules changed
    /// travels and is paired here: a replay that changes little costs little to report.
    /// </summary>
    private static async Task<List<ClaimChange>> CompareAsync(NpgsqlDataSource dataSource, string? liveSchema, string shadowSchema,
        Func<string, string> rowsSql, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        // In one order whatever plan the server picks, so claims of one subject in one article are listed alike every time.
        if (liveSchema is null)
        {
            var all = await ReadAsync(connection, $"select *, (-1)::bigint as surplus from ({rowsSql(shadowSchema)}) as d order by 1, 2, 3, 4", ct);
            return Compare([], all);
        }

        var differing = await ReadAsync(connection,
            $"""
            select stream_id, quote, subject, shown, article, sum(side) as surplus
            from (select *, 1 as side from ({rowsSql(liveSchema)}) as l union all select *, -1 from ({rowsSql(shadowSchema)}) as s) as d
            group by 1, 2, 3, 4, 5 having sum(side) <> 0
            order by 1, 2, 3, 4
            """, ct);
        return Compare(Repeated(differing.Where(r => r.Surplus > 0)), Repeated(differing.Where(r => r.Surplus < 0)));

        // A row held n times more by one model is n claims of that model, each a row of its own (pairing tells them apart by reference).
        static List<Row> Repeated(IEnumerable<Row> rows) => rows.SelectMany(r => Enumerable.Range(0, (int)Math.Abs(r.Surplus)).Select(_ => r with { })).ToList();
    }

    /// <summary>Pairs what only the live model holds (<paramref name="removed"/>) with what only the shadow holds (<paramref name="added"/>).</summary>
    private static List<ClaimChange> Compare(List<Row> removed, List<Row> added)
    {
        // Each removed claim pairs with the first added one of the same article, sentence and subject (looked up, not searched).
        var addedBySlot = new Dictionary<(string, string, string), Queue<Row>>();
        foreach (var row in added)
        {
            var slot = (row.StreamId, row.Quote, row.Subject);
            if (!addedBySlot.TryGetValue(slot, out var queue))
            {
                addedBySlot[slot] = queue = new Queue<Row>();
            }

            queue.Enqueue(row);
        }

        var changes = new List<ClaimChange>();
        var paired = new HashSet<Row>(ReferenceEqualityComparer.Instance);
        var stillRemoved = new List<Row>();
        foreach (var old in removed)
        {
            if (addedBySlot.TryGetValue((old.StreamId, old.Quote, old.Subject), out var queue) && queue.TryDequeue(out var replacement))
            {
                paired.Add(replacement);
                changes.Add(new ClaimChange(ClaimChange.Changed, old.Subject, old.Article, old.Shown, replacement.Shown));
            }
            else
            {
                stillRemoved.Add(old);
            }
        }

        changes.AddRange(stillRemoved.Select(r => new ClaimChange(ClaimChange.Removed, r.Subject, r.Article, r.Shown, null)));
        changes.AddRange(added.Where(a => !paired.Contains(a)).Select(a => new ClaimChange(ClaimChange.Added, a.Subject, a.Article, null, a.Shown)));
        return changes.OrderBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.Article, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<Row>> ReadAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.Text("stream_id"), reader.Text("quote"), reader.Text("subject"), reader.Text("shown"), reader.Text("article"),
                reader.Value<long>("surplus")));
        }

        return rows;
    }
}
