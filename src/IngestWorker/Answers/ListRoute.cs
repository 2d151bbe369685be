using System.Globalization;
using System.Text;
using System.Text.Json;
using IngestWorker.Core.Paging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IngestWorker.Answers;

/// <summary>
/// What every list route of the API shares: one page (<c>?limit=</c>, <c>?cursor=</c>) with its total, as
/// JSON or, with <c>?format=csv</c>, as CSV (the total and next cursor then in the <c>X-Total-Count</c> and
/// <c>X-Next-Cursor</c> headers), kept in the <see cref="AnswerCache"/> while nothing it is made of moves.
/// </summary>
public static class ListRoute
{
    /// <summary>A query-string value, or null when it is missing or blank.</summary>
    public static string? QueryValue(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;

    /// <summary>The shape of every list route: read the query string (a 400 problem saying why when it is wrong), ask for one page, answer it.</summary>
    public static async Task<IResult> AnswerAsync<T>(HttpContext http, string name, Func<ListQuery, PageRequest, CancellationToken, Task<Page<T>>> ask,
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
}
