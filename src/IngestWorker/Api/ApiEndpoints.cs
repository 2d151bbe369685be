using System.Globalization;
using System.Text;
using System.Text.Json;
using IngestWorker.Articles;
using IngestWorker.Claims;
using IngestWorker.Inbox;
using IngestWorker.Paging;
using IngestWorker.Status;
using IngestWorker.Timelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        api.MapGet("/status", (StatusQueries status, InboxOptions inbox, CancellationToken ct) => status.GetAsync(inbox, ct));

        api.MapGet("/articles", (ArticleQueries articles, HttpContext http) =>
            ListAsync(http, "articles", async (query, page, ct) =>
                await articles.PageAsync(query.Filter.From, query.Filter.To, query.Filter.KnownAt, page, ct), CsvTables.Articles));

        api.MapGet("/troops", (ClaimQueries claims, HttpContext http) =>
            ListAsync(http, "troops", (query, page, ct) => claims.TroopsPageAsync(query.Filter, page, ct), CsvTables.Troops));

        api.MapGet("/bases", (ClaimQueries claims, HttpContext http) =>
        {
            // Read now: the page may be built after this request has gone (others wait on it too).
            string? subject = http.Request.Query["base"];
            var withoutStatements = http.Request.Query["statements"] == "none";
            return ListAsync(http, "bases", async (query, page, ct) =>
                {
                    var answer = await claims.BasesPageAsync(query.Filter with { Subject = subject }, page, ct);
                    if (answer.Total == 0 && subject is not null)
                    {
                        await BaseProblems.EnsureSomeBaseIsNamedAsync(claims, subject, ct);
                    }

                    return withoutStatements ? answer with { Items = answer.Items.Select(b => b with { Statements = [] }).ToList() } : answer;
                },
                CsvTables.Bases);
        });

        api.MapGet("/bases/{name}", async (ClaimQueries claims, string name, HttpContext http, CancellationToken ct) =>
        {
            if (ListQuery.Read(http.Request.Query, out var query) is { } bad)
            {
                return bad;
            }

            var (found, missing) = await OneBaseAsync(claims, query.Filter, name, ct);
            return found is not null ? Results.Ok(found) : missing!;
        });

        api.MapGet("/bases/{name}/statements", async (ClaimQueries claims, string name, HttpContext http, CancellationToken ct) =>
        {
            if (ListQuery.Read(http.Request.Query, out var query) is { } bad)
            {
                return bad;
            }

            var (found, missing) = await OneBaseAsync(claims, query.Filter, name, ct);
            return found is null ? missing!
                : await ListAsync(http, "statements", (q, page, token) => claims.BaseStatementsPageAsync(q.Filter, found.Base, page, token), CsvTables.Statements);
        });

        api.MapGet("/history", (ClaimQueries claims, HttpContext http) =>
        {
            var withoutSources = http.Request.Query["sources"] == "none";
            var detail = DetailAsked(http);
            return ListAsync(http, "history", async (query, page, ct) =>
                {
                    var answer = await claims.HistoryPageAsync(query.Filter, page, ct);
                    return withoutSources ? answer with { Items = answer.Items.Select(s => s.WithoutSources()).ToList() } : answer;
                },
                series => detail ? CsvTables.HistoryDetail(series) : CsvTables.History(series));
        });

        api.MapGet("/history/sources", async (ClaimQueries claims, HttpContext http) =>
        {
            if (PointQuery.Read(http.Request.Query, out var point) is { } bad)
            {
                return bad;
            }

            return await ListAsync(http, "sources",
                (query, page, ct) => claims.PointSourcesPageAsync(query.Filter, point.Kind, point.Period, point.Dated, page, ct), CsvTables.PointSources);
        });

        return app;
    }

    /// <summary>The point of a timeline <c>/api/history/sources</c> lists the reports of: besides location and force, its kind and period.</summary>
    private sealed record PointQuery(string Kind, Period Period, bool Dated)
    {
        public static IResult? Read(IQueryCollection q, out PointQuery point)
        {
            point = new PointQuery("", Period.OfYear(1), true);
            string? Get(string key) => QueryValue(q, key);
            if (Get("location") is null || Get("force") is null || Get("kind") is not { } kind || Get("period") is not { } periodText)
            {
                return ApiProblem.BadParameter.Answer("name the point: location, force, kind and period (as /api/history gives them), and dated=false for an undated point.");
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

            point = new PointQuery(kind, period, dated);
            return null;
        }
    }

    /// <summary>The base a name in a route means (<see cref="ClaimQueries.FindBaseAsync"/>), else the problem saying why (<see cref="BaseProblems"/>).</summary>
    private static async Task<(BaseStatusView? Found, IResult? Missing)> OneBaseAsync(ClaimQueries claims, ClaimFilter filter, string name, CancellationToken ct)
    {
        var (found, matches) = await claims.FindBaseAsync(filter, name, ct);
        return found is not null ? (found, null) : (null, await BaseProblems.NotFoundAsync(claims, filter, name, matches, ct));
    }

    /// <summary>A query-string value, or null when it is missing or blank.</summary>
    private static string? QueryValue(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;

    private static bool DetailAsked(HttpContext http) => http.Request.Query["detail"].ToString() is "true" or "1";

    /// <summary>The shape of every list route: read the query string (400 with a JSON reason when it is wrong), ask for one page, answer it.</summary>
    private static async Task<IResult> ListAsync<T>(HttpContext http, string name, Func<ListQuery, PageRequest, CancellationToken, Task<Page<T>>> ask,
        Func<IReadOnlyList<T>, string> csv)
    {
        if (ListQuery.Read(http.Request.Query, out var query) is { } bad)
        {
            return bad;
        }

        var cache = http.RequestServices.GetRequiredService<AnswerCache>();
        var key = http.Request.Path.Value + http.Request.QueryString.Value;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        CachedAnswer answer;
        try
        {
            // Built on no one request's token: others may be waiting on the same answer.
            answer = await cache.GetOrBuildAsync(key, await cache.VersionAsync(http.RequestAborted),
                () => BuildAsync(json, name, query, ask, csv), http.RequestAborted);
        }
        catch (BadPageRequestException e)
        {
            return ApiProblem.BadCursor.Answer(e.Message);
        }
        catch (UnknownBaseException e)
        {
            return ApiProblem.UnknownBaseFilter.Answer(e.Message);
        }

        foreach (var (header, value) in answer.Headers)
        {
            http.Response.Headers[header] = value;
        }

        return Results.Bytes(answer.Body, answer.ContentType);
    }

    /// <summary>One page of a list route, as the bytes that go out: JSON as the API serializes it, or CSV.</summary>
    private static async Task<CachedAnswer> BuildAsync<T>(JsonSerializerOptions json, string name, ListQuery query,
        Func<ListQuery, PageRequest, CancellationToken, Task<Page<T>>> ask, Func<IReadOnlyList<T>, string> csv)
    {
        var page = await ask(query, PageRequest.From(query.Limit, query.Cursor), CancellationToken.None);
        if (!query.Csv)
        {
            return new CachedAnswer(JsonSerializer.SerializeToUtf8Bytes(page, json), "application/json; charset=utf-8", []);
        }

        var headers = new List<KeyValuePair<string, string>>
        {
            new("X-Total-Count", page.Total.ToString(CultureInfo.InvariantCulture)),
        };
        if (page.NextCursor is not null)
        {
            headers.Add(new("X-Next-Cursor", page.NextCursor));
        }

        headers.Add(new("Content-Disposition", $"attachment; filename=\"{name}.csv\""));
        return new CachedAnswer(Encoding.UTF8.GetBytes(csv(page.Items)), "text/csv; charset=utf-8", headers);
    }

    /// <summary>The query string every list route shares.</summary>
    private sealed record ListQuery(ClaimFilter Filter, int? Limit, string? Cursor, bool Csv)
    {
        public static ListQuery Empty { get; } = new(ClaimFilter.None, null, null, false);

        /// <returns>A 400 answer saying what is wrong; null when the query string is fine.</returns>
        public static IResult? Read(IQueryCollection q, out ListQuery query)
        {
            query = Empty;
            string? Get(string key) => QueryValue(q, key);

            DateOnly? knownAt = null;
            if (Get("knownAt") is { } knownText)
            {
                if (!DateOnly.TryParseExact(knownText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return Bad($"knownAt must be a date as YYYY-MM-DD, not '{knownText}'.");
                }

                knownAt = parsed;
            }

            var from = Period.Parse(Get("from"));
            var to = Period.Parse(Get("to"));
            if ((Get("from") is not null && from is null) || (Get("to") is not null && to is null))
            {
                return Bad("from and to take a year, a month or a day: 2024, 2024-09 or 2024-09-27.");
            }

            if (from is not null && to is not null && from.Start > to.End)
            {
                return ApiProblem.BadPeriod.Answer($"from ({Get("from")}) is after to ({Get("to")}): the period would hold nothing.");
            }

            int? limit = null;
            if (Get("limit") is { } limitText)
            {
                if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > PageRequest.MaxLimit)
                {
                    return Bad($"limit must be a whole number from 1 to {PageRequest.MaxLimit}.");
                }

                limit = parsed;
            }

            var format = Get("format") ?? "json";
            if (format is not ("json" or "csv"))
            {
                return Bad($"format must be json or csv, not '{format}'.");
            }

            query = new ListQuery(new ClaimFilter(Get("location"), Get("force"), knownAt, from?.Start, to?.End), limit, Get("cursor"),
                format == "csv");
            return null;
        }

        private static IResult Bad(string error) => ApiProblem.BadParameter.Answer(error);
    }
}
