using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using Marten;

namespace IngestWorker.Troops;

/// <summary>The troop counts read out of the articles: one row per figure, with its source.</summary>
public sealed class TroopCountTable : IClaimTable
{
    public const string Name = "troop_counts";

    public string TablesSql(string schema, string rulesVersion) => $"""
        create table if not exists {schema}.{Name} (
            stream_id     text        not null,
            ordinal       integer     not null,
            force         text        not null,
            location      text        not null,
            site          text,
            kind          text        not null,
            count         integer     not null,
            bound         text        not null,
            as_of         text,
            quote         text        not null,
            {ClaimColumns.Sql(rulesVersion)}
        );
        create index if not exists troop_counts_location on {schema}.{Name} (location, force, kind);
        """;

    public void Write(IDocumentOperations operations, string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var troops = read.SelectMany(r => r.Claims.TroopCounts.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        if (troops.Count == 0)
        {
            return;
        }

        ClaimColumns.Insert(operations, schema, rulesVersion, Name, "force, location, site, kind, count, bound, as_of, quote",
            "?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[]",
            troops.Select(r => (r.Source, r.Ordinal)),
            troops.Select(r => r.Claim.Force).ToArray(),
            troops.Select(r => r.Claim.Location).ToArray(),
            troops.Select(r => r.Claim.Site).ToArray(),
            troops.Select(r => r.Claim.Kind).ToArray(),
            troops.Select(r => r.Claim.Count).ToArray(),
            troops.Select(r => r.Claim.Bound).ToArray(),
            troops.Select(r => r.Claim.AsOf).ToArray(),
            troops.Select(r => r.Claim.Quote).ToArray());
    }
}
