using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using NpgsqlTypes;
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

    public RowSet Rows(string schema, string rulesVersion, IReadOnlyList<(ArticleEvent Source, ArticleClaims Claims)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var troops = read.SelectMany(r => r.Claims.TroopCounts.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        var rows = ClaimColumns.Rows(schema, TableName, troops.Select(r => (r.Source, r.Ordinal)).ToList())
            .Add("force", NpgsqlDbType.Text, troops.Select(r => r.Claim.Force).ToArray())
            .Add("location", NpgsqlDbType.Text, troops.Select(r => r.Claim.Location).ToArray())
            .Add("site", NpgsqlDbType.Text, troops.Select(r => r.Claim.Site).ToArray())
            .Add("kind", NpgsqlDbType.Text, troops.Select(r => r.Claim.Kind.Word()).ToArray())
            .Add("count", NpgsqlDbType.Integer, troops.Select(r => r.Claim.Count).ToArray())
            .Add("bound", NpgsqlDbType.Text, troops.Select(r => r.Claim.Bound.Word()).ToArray())
            .Add("as_of", NpgsqlDbType.Text, troops.Select(r => r.Claim.AsOf).ToArray())
            .Add("quote", NpgsqlDbType.Text, troops.Select(r => r.Claim.Quote).ToArray());
        return ReadModelSchema.AddRulesVersion(rows, rulesVersion);
    }
}
