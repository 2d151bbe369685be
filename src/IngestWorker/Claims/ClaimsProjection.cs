using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Claims;

/// <summary>
/// The claims read out of each article, into the claim tables of the slices (troop counts, base
/// statements), each row with its source. One projection for all of them, so that each article is read
/// by the extractor once. Timelines and each base's current status are derived from these rows when
/// asked, which is what lets a query answer "as known at" any date.
/// </summary>
public sealed class ClaimsProjection(string schema, RulesCatalog rules, IReadOnlyList<IClaimTable> tables) : ReadModelProjection(schema, rules)
{
    public override string BaseName => "claims";

    public override IEnumerable<Table> DeclareTables() => tables.Select(t => t.Declare(Schema));

    protected override IReadOnlyList<RowSet> Rows(IReadOnlyList<IEvent> events, ExtractionRules rules)
    {
        var read = Extract(ArticleEvent.In(events), rules);
        return tables.Select(t => t.Rows(Schema, rules.Version, read)).ToList();
    }

    /// <summary>
    /// The claims of each article, in the articles' order, on one core. A replay runs one range per core at once (see
    /// <c>Replay.Replayer</c>), so the ranges are its parallelism: an extraction spread over every core inside each of
    /// several ranges at once only adds threads that wait on each other. The live projection keeps to one core as
    /// well: it runs beside the inbox and the queries.
    /// </summary>
    private static (ArticleEvent Source, ArticleClaims Claims)[] Extract(IReadOnlyList<ArticleEvent> sources, ExtractionRules rules)
    {
        var read = new (ArticleEvent Source, ArticleClaims Claims)[sources.Count];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = (sources[i], ClaimExtractor.Extract(sources[i].Article, rules));
        }

        return read;
    }
}
