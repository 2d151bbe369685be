using IngestWorker.Projections;
using Marten;

namespace IngestWorker.Claims;

/// <summary>Where a claim came from, and the rules that read it: the columns every claim table shares.</summary>
public static class ClaimColumns
{
    /// <summary>The shared columns' DDL, and the key (article, ordinal), to close a claim table's own columns.</summary>
    public static string Sql(string rulesVersion) => $"""
        title         text,
            outlet        text,
            published     date,
            received_at   timestamptz not null,
            known_from    date        not null,
            seq           bigint      not null,
            rules_version text        not null check (rules_version = '{rulesVersion}'),
            primary key (stream_id, ordinal)
        """;

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
