using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;
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

    protected override void Write(IDocumentOperations operations, IReadOnlyList<IEvent> events, ExtractionRules rules)
    {
        var received = ArticleEvent.In(events);
        if (received.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand(
            $"""
            insert into {Schema}.{TableName}
                (stream_id, title, outlet, published, file_name, received_at, content_hash, body_length, seq, rules_version)
            select r.*, ? from unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::timestamptz[], ?::text[], ?::int[], ?::bigint[]) as r
            on conflict (stream_id) do nothing
            """,
            rules.Version,
            received.Select(r => r.StreamId).ToArray(),
            received.Select(r => r.Received.Title).ToArray(),
            received.Select(r => r.Received.Outlet).ToArray(),
            received.Select(r => r.Received.Published).ToArray(),
            received.Select(r => r.Received.FileName).ToArray(),
            received.Select(r => r.Event.Timestamp.ToUniversalTime()).ToArray(),
            received.Select(r => r.Received.ContentHash).ToArray(),
            received.Select(r => r.Received.Body.Length).ToArray(),
            received.Select(r => r.Event.Sequence).ToArray());
    }
}
