using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Articles;

/// <summary>Which articles the log holds: one row per distinct text.</summary>
public sealed class ArticlesProjection : IProjection
{
    public string Name => "articles";

    public string TablesSql(string schema) => $"""
        create table if not exists {schema}.articles (
            stream_id     text primary key,
            title         text,
            outlet        text,
            published     date,
            file_name     text        not null,
            received_at   timestamptz not null,
            content_hash  text        not null,
            body_length   integer     not null,
            seq           bigint      not null,
            rules_version text        not null
        );
        create index if not exists articles_received on {schema}.articles (received_at);
        """;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var received = batch.Events.Where(EventSerializer.Is<ArticleReceived>)
            .Select(e => (Event: e, Article: EventSerializer.Deserialize<ArticleReceived>(e)))
            .ToList();
        if (received.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            insert into {batch.Schema}.articles
                (stream_id, title, outlet, published, file_name, received_at, content_hash, body_length, seq, rules_version)
            select r.*, $10 from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::timestamptz[], $7::text[], $8::int[], $9::bigint[]) as r
            on conflict (stream_id) do nothing
            """, batch.Connection, batch.Transaction);
        command.Parameters.Add(SqlArrays.Texts(received.Select(r => r.Event.StreamId)));
        command.Parameters.Add(SqlArrays.Texts(received.Select(r => r.Article.Title)));
        command.Parameters.Add(SqlArrays.Texts(received.Select(r => r.Article.Outlet)));
        command.Parameters.Add(SqlArrays.Dates(received.Select(r => r.Article.Published)));
        command.Parameters.Add(SqlArrays.Texts(received.Select(r => r.Article.FileName)));
        command.Parameters.Add(SqlArrays.Timestamps(received.Select(r => r.Event.Timestamp)));
        command.Parameters.Add(SqlArrays.Texts(received.Select(r => r.Article.ContentHash)));
        command.Parameters.Add(SqlArrays.Integers(received.Select(r => r.Article.Body.Length)));
        command.Parameters.Add(SqlArrays.Longs(received.Select(r => r.Event.Sequence)));
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Rules.Version });
        await command.ExecuteNonQueryAsync(ct);
    }
}
