using IngestWorker.Articles;
using IngestWorker.Bases;
using IngestWorker.Status;
using IngestWorker.Troops;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Api;

/// <summary>
/// The HTTP face of the read models: the same answers as <c>query</c>. Every list route answers one page
/// (<c>?limit=</c>, default 100, max 1000, and <c>?cursor=</c> from the previous page's <c>nextCursor</c>)
/// with the total, as JSON or, with <c>?format=csv</c>, as CSV (the total and next cursor then in the
/// <c>X-Total-Count</c> and <c>X-Next-Cursor</c> headers). Claims routes take <c>?knownAt=YYYY-MM-DD</c> for
/// the answer as it would have been given that day, and <c>?from=</c>/<c>?to=</c> (a year, month or day)
/// for the periods the claims hold for; <c>/api/history?sources=none</c> leaves out the list of sources
/// (the counts stay) and <c>/api/bases?statements=none</c> every statement but those that opened a run. A point of a timeline
/// names the first few reports of each figure; <c>/api/history/sources</c> lists them all, a page at a time. A base names
/// its latest statements; <c>/api/bases/{name}/statements</c> lists them all. <c>GET /</c> is the timeline page.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        TimelinePage.Map(app);
        var api = app.MapGroup("/api");
        StatusRoutes.Map(api);
        ArticleRoutes.Map(api);
        TroopRoutes.Map(api);
        BaseRoutes.Map(api);
        return app;
    }
}
