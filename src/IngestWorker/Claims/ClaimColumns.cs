using IngestWorker.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Claims;

/// <summary>Where a claim came from, and the rules that read it: the columns every claim table shares.</summary>
public static class ClaimColumns
{
    /// <summary>
    /// A claim table in <paramref name="schema"/>: its key (article, ordinal) first, then the claim's own columns (added
    /// by <paramref name="claimColumns"/>), then the source's and the rules version every claim table shares.
    /// </summary>
    public static Table Declare(string schema, string name, Action<Table> claimColumns)
    {
        ArgumentNullException.ThrowIfNull(claimColumns);
        var table = ReadModelSchema.NewTable(schema, name);
        table.AddColumn("stream_id", "text").AsPrimaryKey();
        table.AddColumn("ordinal", "integer").AsPrimaryKey();
        claimColumns(table);
        table.AddColumn("title", "text");
        table.AddColumn("outlet", "text");
        table.AddColumn("published", "date");
        table.AddColumn("received_at", "timestamptz").NotNull();
        table.AddColumn("known_from", "date").NotNull();
        table.AddColumn("seq", "bigint").NotNull();
        ReadModelSchema.AddRulesVersion(table);
        return table;
    }

    /// <summary>
    /// A multi-row insert into a claim table: the source columns are the same for every one, the claim's own
    /// columns follow, and the rules version comes last.
    /// </summary>
    public static void Insert(IDocumentOperations operations, string schema, string rulesVersion, string table, string claimColumns, string claimArrays,
        IEnumerable<(ArticleEvent Source, int Ordinal)> rows, params object[] claimValues)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var sources = rows.ToList();
        object[] sourceValues =
        [
            sources.Select(r => r.Source.StreamId).ToArray(),
            sources.Select(r => r.Ordinal).ToArray(),
            sources.Select(r => r.Source.Received.Title).ToArray(),
            sources.Select(r => r.Source.Received.Outlet).ToArray(),
            sources.Select(r => r.Source.Received.Published).ToArray(),
            sources.Select(r => r.Source.Event.Timestamp.ToUniversalTime()).ToArray(),
            sources.Select(r => r.Source.KnownFrom).ToArray(),
            sources.Select(r => r.Source.Event.Sequence).ToArray(),
        ];
        operations.QueueSqlCommand(
            $"""
            insert into {schema}.{table}
                (stream_id, ordinal, title, outlet, published, received_at, known_from, seq, {claimColumns}, rules_version)
            select r.*, ? from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::date[], ?::timestamptz[], ?::date[], ?::bigint[],
                                      {claimArrays}) as r
            on conflict (stream_id, ordinal) do nothing
            """,
            [rulesVersion, .. sourceValues, .. claimValues]);
    }
}
