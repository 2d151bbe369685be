using IngestWorker.Answers;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Timelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Troops;

/// <summary>
/// <c>/api/troops</c>, <c>/api/history</c> and <c>/api/history/sources</c>: the figures and their timelines.
/// <c>/api/history?sources=none</c> leaves out the list of sources (the counts stay); a point of a timeline
/// names the first few reports of each figure, and <c>/api/history/sources</c> lists them all, a page at a time.
/// </summary>
public static class TroopRoutes
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/troops", (TroopQueries troops, HttpContext http) =>
            ListRoute.AnswerAsync(http, "troops", (query, page, ct) => troops.TroopsPageAsync(query.Filter, page, ct), TroopCsv.Troops));

        api.MapGet("/history", (TroopQueries troops, HttpContext http) =>
        {
            var withoutSources = http.Request.Query["sources"] == "none";
            var detail = DetailAsked(http);
            return ListRoute.AnswerAsync(http, "history", async (query, page, ct) =>
                {
                    var answer = await troops.HistoryPageAsync(query.Filter, page, ct);
                    return withoutSources ? answer with { Items = answer.Items.Select(s => s.WithoutSources()).ToList() } : answer;
                },
                series => detail ? TroopCsv.HistoryDetail(series) : TroopCsv.History(series));
        });

        api.MapGet("/history/sources", async (TroopQueries troops, HttpContext http) =>
        {
            if (PointQuery.Read(http.Request.Query, out var point) is { } bad)
            {
                return bad;
            }

            return await ListRoute.AnswerAsync(http, "sources",
                (query, page, ct) => troops.PointSourcesPageAsync(query.Filter, point.Kind, point.Period, point.Dated, page, ct), TroopCsv.PointSources);
        });
    }

    private static bool DetailAsked(HttpContext http) => http.Request.Query["detail"].ToString() is "true" or "1";

    /// <summary>The point of a timeline <c>/api/history/sources</c> lists the reports of: besides location and force, its kind and period.</summary>
    private sealed record PointQuery(TroopKind Kind, Period Period, bool Dated)
    {
        public static IResult? Read(IQueryCollection q, out PointQuery point)
        {
            point = new PointQuery(default, Period.OfYear(1), true);
            string? Get(string key) => ListRoute.QueryValue(q, key);
            if (Get("location") is null || Get("force") is null || Get("kind") is not { } kind || Get("period") is not { } periodText)
            {
                return ApiProblem.BadParameter.Answer("name the point: location, force, kind and period (as /api/history gives them), and dated=false for an undated point.");
            }

            if (!ContractWords<TroopKind>.TryParse(kind, out var named))
            {
                return ApiProblem.NotAContractWord<TroopKind>("kind", kind);
            }

            if (Period.Parse(periodText) is not { } period)
            {
                return ApiProblem.BadParameter.Answer($"period takes a year, a month or a day: 2024, 2024-09 or 2024-09-27, not '{periodText}'.");
            }

            var dated = true;
            if (Get("dated") is { } datedText && !bool.TryParse(datedText, out dated))
            {
                return ApiProblem.BadParameter.Answer($"dated must be true or false, not '{datedText}'.");
            }

            point = new PointQuery(named, period, dated);
            return null;
        }
    }
}
