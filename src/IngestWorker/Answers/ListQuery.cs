using System.Globalization;
using IngestWorker.Claims;
using IngestWorker.Core.Paging;
using IngestWorker.Core.Timelines;
using Microsoft.AspNetCore.Http;

namespace IngestWorker.Answers;

/// <summary>The query string every list route shares.</summary>
public sealed record ListQuery(ClaimFilter Filter, int? Limit, string? Cursor, bool Csv)
{
    public static ListQuery Empty { get; } = new(ClaimFilter.None, null, null, false);

    /// <returns>A 400 problem saying what is wrong; null when the query string is fine.</returns>
    public static IResult? Read(IQueryCollection q, out ListQuery query)
    {
        query = Empty;
        string? Get(string key) => ListRoute.QueryValue(q, key);

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
