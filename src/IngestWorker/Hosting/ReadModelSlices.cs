using IngestWorker.Articles;
using IngestWorker.Bases;
using IngestWorker.Claims;
using IngestWorker.Projections;
using IngestWorker.Troops;

namespace IngestWorker.Hosting;

/// <summary>The read models the worker keeps: a new one is a folder of its own and a line here.</summary>
public static class ReadModelSlices
{
    public static ReadModelSet All { get; } = new((schema, rules) =>
    [
        new ArticlesProjection(schema, rules),
        new ClaimsProjection(schema, rules, [new TroopCountTable(), new BaseStatementTable()]),
    ]);
}
