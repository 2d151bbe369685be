using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Bases;

/// <summary>The statements about bases read out of the articles: one row per statement about a site, with its source.</summary>
public sealed class BaseStatementTable : IClaimTable
{
    public const string TableName = "base_statements";

    public string Name => TableName;

    public Table Declare(string schema)
    {
        var table = ClaimColumns.Declare(schema, TableName, claim =>
        {
            claim.AddColumn("base", "text").NotNull();
            claim.AddColumn("status", "text").NotNull();
            claim.AddColumn("as_of", "text");
            claim.AddColumn("quote", "text").NotNull();
        });
        table.Indexes.Add(new IndexDefinition("base_statements_base") { Columns = ["base"] });
        return table;
    }

    public void Write(IDocumentOperations operations, string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var bases = read.SelectMany(r => r.Claims.BaseStatuses.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        if (bases.Count == 0)
        {
            return;
        }

        ClaimColumns.Insert(operations, schema, rulesVersion, TableName, "base, status, as_of, quote",
            "?::text[], ?::text[], ?::text[], ?::text[]",
            bases.Select(r => (r.Source, r.Ordinal)),
            bases.Select(r => r.Claim.Base).ToArray(),
            bases.Select(r => r.Claim.Status.Word()).ToArray(),
            bases.Select(r => r.Claim.AsOf).ToArray(),
            bases.Select(r => r.Claim.Quote).ToArray());
    }
}
