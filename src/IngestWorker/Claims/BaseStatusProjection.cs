using IngestWorker.Extraction;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Claims;

/// <summary>The status of bases over time: one row per statement about a site, with its source.</summary>
public sealed class BaseStatusProjection : IProjection
{
    public string Name => "base_status";

    public string TablesSql(string schema) => $"""
        create table if not exists {schema}.base_statements (
            stream_id     text        not null,
            ordinal       integer     not null,
            base          text        not null,
            status        text        not null,
            as_of         text,
            quote         text        not null,
            title         text,
            outlet        text,
            published     date,
            received_at   timestamptz not null,
            known_from    date        not null,
            seq           bigint      not null,
            rules_version text        not null,
            primary key (stream_id, ordinal)
        );
        create index if not exists base_statements_base on {schema}.base_statements (base);
        """;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var rows = ClaimSource.In(batch.Events)
            .SelectMany(source => ClaimExtractor.Extract(source.Article, batch.Rules).BaseStatuses
                .Select((claim, ordinal) => (Source: source, Claim: claim, Ordinal: ordinal)))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            insert into {batch.Schema}.base_statements
                (stream_id, ordinal, base, status, as_of, quote, title, outlet, published, received_at, known_from, seq, rules_version)
            select r.*, $13 from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                       $9::date[], $10::timestamptz[], $11::date[], $12::bigint[]) as r
            on conflict (stream_id, ordinal) do nothing
            """, batch.Connection, batch.Transaction);
        var p = command.Parameters;
        p.Add(SqlArrays.Texts(rows.Select(r => r.Source.Event.StreamId)));
        p.Add(SqlArrays.Integers(rows.Select(r => r.Ordinal)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Base)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Status)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.AsOf)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Quote)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Source.Received.Title)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Source.Received.Outlet)));
        p.Add(SqlArrays.Dates(rows.Select(r => r.Source.Received.Published)));
        p.Add(SqlArrays.Timestamps(rows.Select(r => r.Source.Event.Timestamp)));
        p.Add(SqlArrays.Dates(rows.Select(r => r.Source.KnownFrom)));
        p.Add(SqlArrays.Longs(rows.Select(r => r.Source.Event.Sequence)));
        p.Add(new NpgsqlParameter { Value = batch.Rules.Version });
        await command.ExecuteNonQueryAsync(ct);
    }
}
