using JasperFx.Events.Projections;
using Marten;

namespace IngestWorker.Projections;

/// <summary>
/// Every projection of a read model, as the host lists them (<c>Hosting/ReadModelSlices</c>): the framework
/// names none of them, so a new read model is added where the host lists its slices, not here.
/// </summary>
public sealed class ReadModelSet(Func<string, RulesCatalog, IReadOnlyList<ReadModelProjection>> projections)
{
    /// <summary>The projections of the model in <paramref name="schema"/>, reading rules from <paramref name="rules"/>.</summary>
    public IReadOnlyList<ReadModelProjection> For(string schema, RulesCatalog rules) => projections(schema, rules);

    /// <summary>The names of the live model's projections, as <c>status</c> shows them.</summary>
    public IReadOnlyList<string> LiveNames => For(ReadModelSchema.Live, new RulesCatalog()).Select(p => p.Name).ToList();

    /// <summary>The live model's tables, for Marten to create and migrate with the log (also where nothing projects).</summary>
    public void AddTables(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Storage.Add(new ReadModelTables(For(ReadModelSchema.Live, new RulesCatalog()), options.Advanced.Migrator));
    }

    /// <summary>Events the live projections fetch per batch.</summary>
    public const int LiveBatchSize = 250;

    /// <summary>
    /// Events a live projection may hold fetched ahead of its work: two batches, one being projected and the next.
    /// Marten's default (5,000) let the claims projection, slower than the inbox during a bulk drop, keep up to
    /// 5,000 articles (~10 KB each with their bodies) in memory: most of the worker's peak (docs/performance.md, "Memory").
    /// </summary>
    public const int LiveEventsHeld = 2 * LiveBatchSize;

    /// <summary>The live read models, projected asynchronously by the worker's daemon, beside <paramref name="inbox"/> when it has one.</summary>
    public void AddLive(StoreOptions options, RulesCatalog rules, InboxActivity? inbox) =>
        Add(options, ReadModelSchema.Live, rules, LiveBatchSize, LiveEventsHeld, inbox);

    /// <summary>
    /// The projections of a read model in <paramref name="schema"/>, named after it, so a replay's shadow
    /// has checkpoints of its own beside the live ones.
    /// </summary>
    /// <param name="eventsHeld">The most events a projection fetches ahead of its work (Marten's hopper).</param>
    /// <param name="inbox">The inbox of this worker, which the projections that extract give way to.</param>
    public void Add(StoreOptions options, string schema, RulesCatalog rules, int batchSize, int eventsHeld, InboxActivity? inbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var projection in For(schema, rules))
        {
            projection.Inbox = inbox;
            options.Projections.Add(projection, ProjectionLifecycle.Async, projection.Name, async =>
            {
                async.BatchSize = batchSize;
                async.MaximumHopperSize = eventsHeld;
            });
        }
    }
}
