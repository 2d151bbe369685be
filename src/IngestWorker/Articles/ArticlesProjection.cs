using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Articles;

/// <summary>Which articles the log holds: one row per distinct text.</summary>
public sealed class ArticlesProjection(string schema, RulesCatalog rules) : ReadModelProjection(schema, rules)
{
    public const string TableName = "articles";

    public override string BaseName => "articles";

    public override IEnumerable<Table> DeclareTables()
    {
        var table = ReadModelSchema.NewTable(Schema, TableName);
        table.AddColumn("stream_id", "text").AsPrimaryKey();
        table.AddColumn("title", "text");
        table.AddColumn("outlet", "text");
        table.AddColumn("published", "date");
        table.AddColumn("file_name", "text").NotNull();
        table.AddColumn("received_at", "timestamptz").NotNull();
        table.AddColumn("content_hash", "text").NotNull();
        table.AddColumn("body_length", "integer").NotNull();
        table.AddColumn("seq", "bigint").NotNull();
        ReadModelSchema.AddRulesVersion(table);
        table.Indexes.Add(new IndexDefinition("articles_received") { Columns = ["received_at"] });
        yield return table;
    }

    protected override IReadOnlyList<RowSet> Rows(IReadOnlyList<IEvent> events, ExtractionRules rules, int cores)
    {
        var received = ArticleEvent.In(events);
        var rows = new RowSet($"{Schema}.{TableName}", received.Count)
            .Add("stream_id", NpgsqlDbType.Text, received.Select(r => r.StreamId).ToArray())
            .Add("title", NpgsqlDbType.Text, received.Select(r => r.Received.Title).ToArray())
            .Add("outlet", NpgsqlDbType.Text, received.Select(r => r.Received.Outlet).ToArray())
            .Add("published", NpgsqlDbType.Date, received.Select(r => r.Received.Published).ToArray())
            .Add("file_name", NpgsqlDbType.Text, received.Select(r => r.Received.FileName).ToArray())
            .Add("received_at", NpgsqlDbType.TimestampTz, received.Select(r => r.Event.Timestamp.ToUniversalTime()).ToArray())
            .Add("content_hash", NpgsqlDbType.Text, received.Select(r => r.Received.ContentHash).ToArray())
            .Add("body_length", NpgsqlDbType.Integer, received.Select(r => r.Received.Body.Length).ToArray())
            .Add("seq", NpgsqlDbType.Bigint, received.Select(r => r.Event.Sequence).ToArray());
        return [ReadModelSchema.AddRulesVersion(rows, rules.Version)];
    }
}
