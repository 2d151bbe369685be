using IngestWorker.Extraction;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Claims;

/// <summary>Troop counts over time: one row per figure read out of an article, with its source.</summary>
public sealed class TroopCountsProjection : IProjection
{
    public string Name => "troop_counts";

    public string TablesSql(string schema) => $"""
        create table if not exists {schema}.troop_counts (
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
            title         text,
            outlet        text,
            published     date,
            received_at   timestamptz not null,
            known_from    date        not null,
            seq           bigint      not null,
            rules_version text        not null,
            primary key (stream_id, ordinal)
        );
        create index if not exists troop_counts_location on {schema}.troop_counts (location, force, kind);
        """;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var rows = ClaimSource.In(batch.Events)
            .SelectMany(source => ClaimExtractor.Extract(source.Article, batch.Rules).TroopCounts
                .Select((claim, ordinal) => (Source: source, Claim: claim, Ordinal: ordinal)))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            insert into {batch.Schema}.troop_counts
                (stream_id, ordinal, force, location, site, kind, count, bound, as_of, quote, title, outlet, published, received_at, known_from, seq, rules_version)
            select r.*, $17 from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[],
                                       $10::text[], $11::text[], $12::text[], $13::date[], $14::timestamptz[], $15::date[], $16::bigint[]) as r
            on conflict (stream_id, ordinal) do nothing
            """, batch.Connection, batch.Transaction);
        var p = command.Parameters;
        p.Add(SqlArrays.Texts(rows.Select(r => r.Source.Event.StreamId)));
        p.Add(SqlArrays.Integers(rows.Select(r => r.Ordinal)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Force)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Location)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Site)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Kind)));
        p.Add(SqlArrays.Integers(rows.Select(r => r.Claim.Count)));
        p.Add(SqlArrays.Texts(rows.Select(r => r.Claim.Bound)));
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
