using IngestWorker.Projections;
using Npgsql;
using IngestWorker.Database;

namespace IngestWorker.Replay;

/// <summary>
/// Compares the claims of two read models. A claim that moved (same article, same sentence, same
/// subject, other figure or status) is one change, not a removal and an addition. Both models are keyed by
/// (article, ordinal), as the live model always is and a replay's shadow is once loaded.
/// </summary>
internal static class ReplayDiff
{
    private sealed record Row(string StreamId, string Quote, string Subject, string Shown, string Article, long Surplus);

    /// <summary>The two tables are compared at once, each on a connection of its own: one per core of a two-core machine.</summary>
    public static async Task<(IReadOnlyList<ClaimChange> Troops, IReadOnlyList<ClaimChange> Bases)> ComputeAsync(
        NpgsqlDataSource dataSource, string? liveSchema, string shadowSchema, CancellationToken ct)
    {
        var troops = CompareAsync(dataSource, liveSchema, shadowSchema, Troops, ct);
        var bases = CompareAsync(dataSource, liveSchema, shadowSchema, Bases, ct);
        return (await troops, await bases);
    }

    /// <summary>
    /// A claim table as the diff reads it: the row a user is shown (over alias <c>t</c>), and the columns that row is made
    /// of, which two rows of one key must share to be the same claim.
    /// </summary>
    private sealed record ClaimTable(string Name, string Shown, string[] Columns);

    private static readonly ClaimTable Troops = new("troop_counts",
        """
        t.stream_id, t.quote, t.location as subject,
        concat_ws(' ', t.force, t.kind, t.bound, t.count::text, 'as of', coalesce(t.as_of, '?'), 'at ' || t.site) as shown,
        coalesce(t.title, t.stream_id) as article
        """,
        ["quote", "location", "force", "kind", "bound", "count", "as_of", "site", "title"]);

    private static readonly ClaimTable Bases = new("base_statements",
        """
        t.stream_id, t.quote, t.base as subject, concat_ws(' ', t.status, 'as of', coalesce(t.as_of, '?')) as shown,
        coalesce(t.title, t.stream_id) as article
        """,
        ["quote", "base", "status", "as_of", "title"]);

    /// <summary>
    /// The server sets the rows both models share aside, as multisets: first every row whose key (article, ordinal) holds
    /// the same claim in the other model, found by a join on the key that compares a few columns, where most rows go
    /// without being shown as text; then, in one pass over the rest of both (each row counted +1 in the live model and −1
    /// in the shadow), the rows whose count is not 0. Only what the rules changed travels and is paired here: a replay
    /// that changes little costs little to report. (A key holds one row in each model, so a row set aside in the first
    /// step takes exactly one of the other model's with it.)
    /// </summary>
    private static async Task<List<ClaimChange>> CompareAsync(NpgsqlDataSource dataSource, string? liveSchema, string shadowSchema,
        ClaimTable table, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        // In one order whatever plan the server picks, so claims of one subject in one article are listed alike every time.
        if (liveSchema is null)
        {
            var all = await ReadAsync(connection, $"select {table.Shown}, (-1)::bigint as surplus from {shadowSchema}.{table.Name} as t order by 1, 2, 3, 4", ct);
            return Compare([], all);
        }

        var differing = await ReadAsync(connection,
            $"""
            select stream_id, quote, subject, shown, article, sum(side) as surplus
            from ({Unmatched(table, liveSchema, shadowSchema, 1)} union all {Unmatched(table, shadowSchema, liveSchema, -1)}) as d
            group by 1, 2, 3, 4, 5 having sum(side) <> 0
            order by 1, 2, 3, 4
            """, ct);
        return Compare(Repeated(differing.Where(r => r.Surplus > 0)), Repeated(differing.Where(r => r.Surplus < 0)));

        // A row held n times more by one model is n claims of that model, each a row of its own (pairing tells them apart by reference).
        static List<Row> Repeated(IEnumerable<Row> rows) => rows.SelectMany(r => Enumerable.Range(0, (int)Math.Abs(r.Surplus)).Select(_ => r with { })).ToList();
    }

    /// <summary>The rows of <paramref name="schema"/> whose key holds another claim, or none, in <paramref name="other"/>: counted <paramref name="side"/>.</summary>
    private static string Unmatched(ClaimTable table, string schema, string other, int side) =>
        $"""
        select {table.Shown}, {side} as side from {schema}.{table.Name} as t
        where not exists (
            select 1 from {other}.{table.Name} as o
            where o.stream_id = t.stream_id and o.ordinal = t.ordinal
              and ({string.Join(", ", table.Columns.Select(c => "o." + c))}) is not distinct from ({string.Join(", ", table.Columns.Select(c => "t." + c))}))
        """;

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
