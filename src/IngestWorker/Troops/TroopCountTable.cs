using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Troops;

/// <summary>The troop counts read out of the articles: one row per figure, with its source.</summary>
public sealed class TroopCountTable : IClaimTable
{
    public const string TableName = "troop_counts";

    public string Name => TableName;

    public Table Declare(string schema)
    {
        var table = ClaimColumns.Declare(schema, TableName, claim =>
        {
            claim.AddColumn("force", "text").NotNull();
            claim.AddColumn("location", "text").NotNull();
            claim.AddColumn("site", "text");
            claim.AddColumn("kind", "text").NotNull();
            claim.AddColumn("count", "integer").NotNull();
            claim.AddColumn("bound", "text").NotNull();
            claim.AddColumn("as_of", "text");
            claim.AddColumn("quote", "text").NotNull();
        });
        table.Indexes.Add(new IndexDefinition("troop_counts_location") { Columns = ["location", "force", "kind"] });
        return table;
    }

    public void Write(IDocumentOperations operations, string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var troops = read.SelectMany(r => r.Claims.TroopCounts.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        if (troops.Count == 0)
        {
            return;
        }

        ClaimColumns.Insert(operations, schema, rulesVersion, TableName, "force, location, site, kind, count, bound, as_of, quote",
            "?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[]",
            troops.Select(r => (r.Source, r.Ordinal)),
            troops.Select(r => r.Claim.Force).ToArray(),
            troops.Select(r => r.Claim.Location).ToArray(),
            troops.Select(r => r.Claim.Site).ToArray(),
            troops.Select(r => r.Claim.Kind.Word()).ToArray(),
            troops.Select(r => r.Claim.Count).ToArray(),
            troops.Select(r => r.Claim.Bound.Word()).ToArray(),
            troops.Select(r => r.Claim.AsOf).ToArray(),
            troops.Select(r => r.Claim.Quote).ToArray());
    }
}
