using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using NpgsqlTypes;
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

    public RowSet Rows(string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var bases = read.SelectMany(r => r.Claims.BaseStatuses.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        var rows = ClaimColumns.Rows(schema, TableName, bases.Select(r => (r.Source, r.Ordinal)).ToList())
            .Add("base", NpgsqlDbType.Text, bases.Select(r => r.Claim.Base).ToArray())
            .Add("status", NpgsqlDbType.Text, bases.Select(r => r.Claim.Status.Word()).ToArray())
            .Add("as_of", NpgsqlDbType.Text, bases.Select(r => r.Claim.AsOf).ToArray())
            .Add("quote", NpgsqlDbType.Text, bases.Select(r => r.Claim.Quote).ToArray());
        return ReadModelSchema.AddRulesVersion(rows, rulesVersion);
    }
}
