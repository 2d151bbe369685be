using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events;
using Marten;
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
    /// <summary>Shadow batches at least this large are read by the extractor on every core: it is pure, and a rebuild is bound by it.</summary>
    private const int ParallelFrom = 16;

    public override string BaseName => "claims";

    public override IEnumerable<Table> DeclareTables() => tables.Select(t => t.Declare(Schema));

    protected override void Write(IDocumentOperations operations, IReadOnlyList<IEvent> events, ExtractionRules rules)
    {
        var read = Extract(ArticleEvent.In(events), rules, onEveryCore: Schema == ReadModelSchema.Shadow);
        foreach (var table in tables)
        {
            table.Write(operations, Schema, rules.Version, read);
        }
    }

    /// <summary>The claims of each article, in the articles' order.</summary>
    /// <param name="onEveryCore">
    /// For a replay's rebuild, which has the machine to itself. The live projection keeps to one core: it runs
    /// beside the inbox and the queries, which would otherwise wait for a core while it catches up.
    /// </param>
    private static (ArticleEvent Source, ArticleClaims Claims)[] Extract(IReadOnlyList<ArticleEvent> sources, ExtractionRules rules, bool onEveryCore)
    {
        var read = new (ArticleEvent Source, ArticleClaims Claims)[sources.Count];
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
}
