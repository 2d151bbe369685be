using System.Globalization;
using IngestWorker.Articles;
using IngestWorker.Claims;
using IngestWorker.Inbox;
using IngestWorker.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Api;

/// <summary>
/// The HTTP face of the read models: the same answers as <c>query</c>, as JSON. Every claims route
/// takes <c>?knownAt=YYYY-MM-DD</c> for the answer as it would have been given that day.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/status", (StatusQueries status, InboxOptions inbox, CancellationToken ct) => status.GetAsync(inbox, ct));

        api.MapGet("/articles", (ArticleQueries articles, CancellationToken ct) => articles.ListAsync(ct));

        api.MapGet("/troops", async (ClaimQueries claims, string? location, string? force, string? knownAt, CancellationToken ct) =>
            ParseDate(knownAt, out var date) is { } bad ? bad : Results.Ok(await claims.TroopsAsync(location, force, date, ct)));

        api.MapGet("/bases", async (ClaimQueries claims, string? knownAt, CancellationToken ct) =>
            ParseDate(knownAt, out var date) is { } bad ? bad : Results.Ok(await claims.BasesAsync(null, date, ct)));

        api.MapGet("/bases/{name}", async (ClaimQueries claims, string name, string? knownAt, CancellationToken ct) =>
        {
            if (ParseDate(knownAt, out var date) is { } bad)
            {
                return bad;
            }

            var bases = await claims.BasesAsync(name, date, ct);
            var match = bases.FirstOrDefault(b => string.Equals(b.Base, name, StringComparison.OrdinalIgnoreCase))
                ?? (bases.Count == 1 ? bases[0] : null);
            return match is not null ? Results.Ok(match)
                : bases.Count == 0 ? Results.NotFound(new { error = $"No statements about a base named '{name}'." })
                : Results.NotFound(new { error = $"'{name}' matches several bases: {string.Join(", ", bases.Select(b => b.Base))}." });
        });

        api.MapGet("/history", async (ClaimQueries claims, string? location, string? force, string? knownAt, CancellationToken ct) =>
            ParseDate(knownAt, out var date) is { } bad ? bad : Results.Ok(await claims.HistoryAsync(location, force, date, ct)));

        return app;
    }

    /// <returns>A 400 answer when <paramref name="text"/> is not a date; null when it is fine.</returns>
    private static IResult? ParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return null;
        }

        return Results.BadRequest(new { error = $"knownAt must be a date as YYYY-MM-DD, not '{text}'." });
    }
}
