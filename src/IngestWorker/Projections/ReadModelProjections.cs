using IngestWorker.Articles;
using IngestWorker.Claims;

namespace IngestWorker.Projections;

/// <summary>Every projection of a read model.</summary>
public static class ReadModelProjections
{
    /// <summary>The names of the live model's projections, as <c>status</c> shows them.</summary>
    public static IReadOnlyList<string> LiveNames { get; } = For(ReadModelSchema.Live, new RulesCatalog()).Select(p => p.Name).ToList();

    public static IReadOnlyList<ReadModelProjection> For(string schema, RulesCatalog rules) =>
        [new ArticlesProjection(schema, rules), new ClaimsProjection(schema, rules)];
}
