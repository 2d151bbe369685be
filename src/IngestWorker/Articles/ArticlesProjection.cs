using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;

namespace IngestWorker.Articles;

/// <summary>Which articles the log holds: one row per distinct text.</summary>
public sealed class ArticlesProjection(string schema, RulesCatalog rules) : ReadModelProjection(schema, rules)
{
    public const string Table = "articles";

    public override string BaseName => "articles";

    public override string TablesSql(string rulesVersion) => $"""
        create table if not exists {Schema}.{Table} (
            stream_id     text primary key,
            title         text,
            outlet        text,
            published     date,
            file_name     text        not null,
            received_at   timestamptz not null,
            content_hash  text        not null,
            body_length   integer     not null,
            seq           bigint      not null,
            rules_version text        not null check (rules_version = '{rulesVersion}')
        );
        create index if not exists articles_received on {Schema}.{Table} (received_at);
        """;

    protected override void Write(IDocumentOperations operations, IReadOnlyList<IEvent> events, ExtractionRules rules)
    {
        var received = ArticleEvent.In(events);
        if (received.Count == 0)
        {
            return;
        }

        operations.QueueSqlCommand(
            $"""
            insert into {Schema}.{Table}
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
