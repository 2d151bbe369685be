using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using Marten;

namespace IngestWorker.Bases;

/// <summary>The statements about bases read out of the articles: one row per statement about a site, with its source.</summary>
public sealed class BaseStatementTable : IClaimTable
{
    public const string Name = "base_statements";

    public string TablesSql(string schema, string rulesVersion) => $"""
        create table if not exists {schema}.{Name} (
            stream_id     text        not null,
            ordinal       integer     not null,
            base          text        not null,
            status        text        not null,
            as_of         text,
            quote         text        not null,
            {ClaimColumns.Sql(rulesVersion)}
        );
        create index if not exists base_statements_base on {schema}.{Name} (base);
        """;

    public void Write(IDocumentOperations operations, string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var bases = read.SelectMany(r => r.Claims.BaseStatuses.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        if (bases.Count == 0)
        {
            return;
        }

        ClaimColumns.Insert(operations, schema, rulesVersion, Name, "base, status, as_of, quote",
            "?::text[], ?::text[], ?::text[], ?::text[]",
            bases.Select(r => (r.Source, r.Ordinal)),
            bases.Select(r => r.Claim.Base).ToArray(),
            bases.Select(r => r.Claim.Status).ToArray(),
            bases.Select(r => r.Claim.AsOf).ToArray(),
            bases.Select(r => r.Claim.Quote).ToArray());
    }
}
