using IngestWorker.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;

namespace IngestWorker.Claims;

/// <summary>
/// The claims read out of each article, into two tables: troop counts (one row per figure) and base
/// statements (one row per statement about a site), each with its source. One projection for both, so
/// that each article is read by the extractor once. Figure history and each base's current status are
/// derived from these rows when asked, which is what lets a query answer "as known at" any date.
/// </summary>
public sealed class ClaimsProjection(string schema, RulesCatalog rules) : ReadModelProjection(schema, rules)
{
    public override string BaseName => "claims";

    /// <summary>Where a claim came from, and the rules that read it: the same columns in both tables.</summary>
    private static string SourceColumns(string rulesVersion) => $"""
        title         text,
            outlet        text,
            published     date,
            received_at   timestamptz not null,
            known_from    date        not null,
            seq           bigint      not null,
            rules_version text        not null check (rules_version = '{rulesVersion}'),
            primary key (stream_id, ordinal)
        """;

    public override string TablesSql(string rulesVersion) => $"""
        create table if not exists {Schema}.troop_counts (
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
            {SourceColumns(rulesVersion)}
        );
        create index if not exists troop_counts_location on {Schema}.troop_counts (location, force, kind);
        create table if not exists {Schema}.base_statements (
            stream_id     text        not null,
            ordinal       integer     not null,
            base          text        not null,
            status        text        not null,
            as_of         text,
            quote         text        not null,
            {SourceColumns(rulesVersion)}
        );
        create index if not exists base_statements_base on {Schema}.base_statements (base);
        """;

    protected override void Write(IDocumentOperations operations, IReadOnlyList<IEvent> events, ExtractionRules rules)
    {
        var read = Extract(ClaimSource.In(events), rules, onEveryCore: Schema == ReadModelSchema.Shadow);
        var troops = read.SelectMany(r => r.Claims.TroopCounts.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();
        var bases = read.SelectMany(r => r.Claims.BaseStatuses.Select((claim, ordinal) => (r.Source, Claim: claim, Ordinal: ordinal))).ToList();

        if (troops.Count > 0)
        {
            Insert(operations, rules, "troop_counts", "force, location, site, kind, count, bound, as_of, quote",
                "?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[]",
                troops.Select(r => (r.Source, r.Ordinal)),
                troops.Select(r => r.Claim.Force).ToArray(),
                troops.Select(r => r.Claim.Location).ToArray(),
                troops.Select(r => r.Claim.Site).ToArray(),
                troops.Select(r => r.Claim.Kind).ToArray(),
                troops.Select(r => r.Claim.Count).ToArray(),
                troops.Select(r => r.Claim.Bound).ToArray(),
                troops.Select(r => r.Claim.AsOf).ToArray(),
                troops.Select(r => r.Claim.Quote).ToArray());
        }

        if (bases.Count > 0)
        {
            Insert(operations, rules, "base_statements", "base, status, as_of, quote",
                "?::text[], ?::text[], ?::text[], ?::text[]",
                bases.Select(r => (r.Source, r.Ordinal)),
                bases.Select(r => r.Claim.Base).ToArray(),
                bases.Select(r => r.Claim.Status).ToArray(),
                bases.Select(r => r.Claim.AsOf).ToArray(),
                bases.Select(r => r.Claim.Quote).ToArray());
        }
    }

    /// <summary>Shadow batches at least this large are read by the extractor on every core: it is pure, and a rebuild is bound by it.</summary>
    private const int ParallelFrom = 16;

    /// <summary>The claims of each article, in the articles' order.</summary>
    /// <param name="onEveryCore">
    /// For a replay's rebuild, which has the machine to itself. The live projection keeps to one core: it runs
    /// beside the inbox and the queries, which would otherwise wait for a core while it catches up.
    /// </param>
    private static (ClaimSource Source, ArticleClaims Claims)[] Extract(IReadOnlyList<ClaimSource> sources, ExtractionRules rules, bool onEveryCore)
    {
        var read = new (ClaimSource Source, ArticleClaims Claims)[sources.Count];
        if (!onEveryCore || sources.Count < ParallelFrom)
        {
            for (var i = 0; i < read.Length; i++)
            {
                read[i] = (sources[i], ClaimExtractor.Extract(sources[i].Article, rules));
            }
        }
        else
        {
            Parallel.For(0, read.Length, i => read[i] = (sources[i], ClaimExtractor.Extract(sources[i].Article, rules)));
        }

        return read;
    }

    /// <summary>
    /// A multi-row insert into one of the claim tables: the source columns are the same for both, the
    /// claim's own columns follow, and the rules version comes last.
    /// </summary>
    private void Insert(IDocumentOperations operations, ExtractionRules rules, string table, string claimColumns, string claimArrays,
        IEnumerable<(ClaimSource Source, int Ordinal)> rows, params object[] claimValues)
    {
        var sources = rows.ToList();
        object[] sourceValues =
        [
            sources.Select(r => r.Source.StreamId).ToArray(),
            sources.Select(r => r.Ordinal).ToArray(),
            sources.Select(r => r.Source.Received.Title).ToArray(),
            sources.Select(r => r.Source.Received.Outlet).ToArray(),
            sources.Select(r => r.Source.Received.Published).ToArray(),
            sources.Select(r => r.Source.Event.Timestamp.ToUniversalTime()).ToArray(),
            sources.Select(r => r.Source.KnownFrom).ToArray(),
            sources.Select(r => r.Source.Event.Sequence).ToArray(),
        ];
        operations.QueueSqlCommand(
            $"""
            insert into {Schema}.{table}
                (stream_id, ordinal, title, outlet, published, received_at, known_from, seq, {claimColumns}, rules_version)
            select r.*, ? from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::date[], ?::timestamptz[], ?::date[], ?::bigint[],
                                      {claimArrays}) as r
            on conflict (stream_id, ordinal) do nothing
            """,
            [rules.Version, .. sourceValues, .. claimValues]);
    }
}
