using IngestWorker.Extraction;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Claims;

/// <summary>
/// The claims read out of each article, into two tables: troop counts (one row per figure) and base
/// statements (one row per statement about a site), each with its source. One projection for both, so
/// that each article is read by the extractor once. Figure history and each base's current status are
/// derived from these rows when asked, which is what lets a query answer "as known at" any date.
/// </summary>
public sealed class ClaimsProjection : IProjection
{
    public string Name => "claims";

    /// <summary>Where a claim came from, and the rules that read it: the same columns in both tables.</summary>
    private const string SourceColumns = """
        title         text,
            outlet        text,
            published     date,
            received_at   timestamptz not null,
            known_from    date        not null,
            seq           bigint      not null,
            rules_version text        not null,
            primary key (stream_id, ordinal)
        """;

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
            {SourceColumns}
        );
        create index if not exists troop_counts_location on {schema}.troop_counts (location, force, kind);
        create table if not exists {schema}.base_statements (
            stream_id     text        not null,
            ordinal       integer     not null,
            base          text        not null,
            status        text        not null,
            as_of         text,
            quote         text        not null,
            {SourceColumns}
        );
        create index if not exists base_statements_base on {schema}.base_statements (base);
        """;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var read = ClaimSource.In(batch.Events)
            .Select(source => (Source: source, Claims: ClaimExtractor.Extract(source.Article, batch.Rules)))
            .ToList();
        var troops = read.SelectMany(r => r.Claims.TroopCounts.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        var bases = read.SelectMany(r => r.Claims.BaseStatuses.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();

        await using var write = new NpgsqlBatch(batch.Connection, batch.Transaction);
        if (troops.Count > 0)
        {
            write.BatchCommands.Add(Insert(batch, "troop_counts", "force, location, site, kind, count, bound, as_of, quote",
                "$9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::text[], $15::text[], $16::text[]",
                troops.Select(r => (r.Source, r.Ordinal)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Force)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Location)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Site)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Kind)),
                SqlArrays.Integers(troops.Select(r => r.Claim.Count)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Bound)),
                SqlArrays.Texts(troops.Select(r => r.Claim.AsOf)),
                SqlArrays.Texts(troops.Select(r => r.Claim.Quote))));
        }

        if (bases.Count > 0)
        {
            write.BatchCommands.Add(Insert(batch, "base_statements", "base, status, as_of, quote",
                "$9::text[], $10::text[], $11::text[], $12::text[]",
                bases.Select(r => (r.Source, r.Ordinal)),
                SqlArrays.Texts(bases.Select(r => r.Claim.Base)),
                SqlArrays.Texts(bases.Select(r => r.Claim.Status)),
                SqlArrays.Texts(bases.Select(r => r.Claim.AsOf)),
                SqlArrays.Texts(bases.Select(r => r.Claim.Quote))));
        }

        if (write.BatchCommands.Count > 0)
        {
            await write.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// A multi-row insert into one of the claim tables: the source columns ($1–$8) are the same for both,
    /// the claim's own columns follow, and the rules version comes last.
    /// </summary>
    private static NpgsqlBatchCommand Insert(ProjectionBatch batch, string table, string claimColumns, string claimArrays,
        IEnumerable<(ClaimSource Source, int Ordinal)> rows, params NpgsqlParameter[] claimParameters)
    {
        var sources = rows.ToList();
        var rulesParameter = 9 + claimParameters.Length;
        var command = new NpgsqlBatchCommand($"""
            insert into {batch.Schema}.{table}
                (stream_id, ordinal, title, outlet, published, received_at, known_from, seq, {claimColumns}, rules_version)
            select r.*, ${rulesParameter} from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::date[], $6::timestamptz[], $7::date[], $8::bigint[],
                                       {claimArrays}) as r
            on conflict (stream_id, ordinal) do nothing
            """)
        {
            Parameters =
            {
                SqlArrays.Texts(sources.Select(r => r.Source.Event.StreamId)),
                SqlArrays.Integers(sources.Select(r => r.Ordinal)),
                SqlArrays.Texts(sources.Select(r => r.Source.Received.Title)),
                SqlArrays.Texts(sources.Select(r => r.Source.Received.Outlet)),
                SqlArrays.Dates(sources.Select(r => r.Source.Received.Published)),
                SqlArrays.Timestamps(sources.Select(r => r.Source.Event.Timestamp)),
                SqlArrays.Dates(sources.Select(r => r.Source.KnownFrom)),
                SqlArrays.Longs(sources.Select(r => r.Source.Event.Sequence)),
            },
        };
        foreach (var parameter in claimParameters)
        {
            command.Parameters.Add(parameter);
        }

        command.Parameters.Add(new NpgsqlParameter { Value = batch.Rules.Version });
        return command;
    }
}
