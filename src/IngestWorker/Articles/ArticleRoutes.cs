using IngestWorker.Answers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Articles;

/// <summary><c>/api/articles</c>: the articles in the log, a page at a time, filtered on the published day by <c>?from=</c>/<c>?to=</c>, and by <c>?knownAt=</c> to those received by that day.</summary>
public static class ArticleRoutes
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/articles", (ArticleQueries articles, HttpContext http) =>
            ListRoute.AnswerAsync(http, "articles", async (query, page, ct) =>
                await articles.PageAsync(query.Filter.From, query.Filter.To, query.Filter.KnownAt, page, ct), ArticleCsv.Articles));
}
