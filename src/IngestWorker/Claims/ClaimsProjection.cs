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

    /// <summary>It extracts, the costliest work of the worker: it waits while the inbox takes a drop in.</summary>
    protected override bool GivesWayToTheInbox => true;

    protected override IReadOnlyList<RowSet> Rows(IReadOnlyList<IEvent> events, ExtractionRules rules, int cores)
    {
        var read = Extract(ArticleEvent.In(events), rules, cores);
        return tables.Select(t => t.Rows(Schema, rules.Version, read)).ToList();
    }

    /// <summary>
    /// The claims of each article, in the articles' order. A replay runs one range per core at once (see
    /// <c>Replay.Replayer</c>), so the ranges are its parallelism, and each range reads on one core: an extraction
    /// spread over every core inside each of several ranges at once only adds threads that wait on each other. The
    /// live projection reads on every core once the inbox is idle.
    /// </summary>
    private static (ArticleEvent Source, ArticleClaims Claims)[] Extract(IReadOnlyList<ArticleEvent> sources, ExtractionRules rules, int cores)
    {
        var read = new (ArticleEvent Source, ArticleClaims Claims)[sources.Count];
        void ReadOne(int i) => read[i] = (sources[i], ClaimExtractor.Extract(sources[i].Article, rules));
        if (cores > 1)
        {
            Parallel.For(0, read.Length, new ParallelOptions { MaxDegreeOfParallelism = cores }, ReadOne);
            return read;
        }

        // A plain loop on one core, so that what fails is the extractor's own error, not one wrapped by Parallel.
        for (var i = 0; i < read.Length; i++)
        {
            ReadOne(i);
        }

        return read;
    }
}
