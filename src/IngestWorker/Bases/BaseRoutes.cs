using IngestWorker.Answers;
using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IngestWorker.Bases;

/// <summary>
/// <c>/api/bases</c>, <c>/api/bases/{name}</c> and <c>/api/bases/{name}/statements</c>: each base's status and
/// its runs. <c>/api/bases?statements=none</c> leaves out every statement but those that opened a run; a base
/// names its latest statements, and <c>/api/bases/{name}/statements</c> lists them all. <c>/api/bases?status=handed-over</c>
/// lists only the bases whose status now is that word of the claims contract.
/// </summary>
public static class BaseRoutes
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/bases", (BaseQueries bases, HttpContext http) =>
        {
            // Read now: the page may be built after this request has gone (others wait on it too).
            string? subject = http.Request.Query["base"];
            var withoutStatements = http.Request.Query["statements"] == "none";
            SiteStatus? status = null;
            if (ListRoute.QueryValue(http.Request.Query, "status") is { } word)
            {
                if (!ContractWords<SiteStatus>.TryParse(word, out var named))
                {
                    return Task.FromResult(ApiProblem.NotAContractWord<SiteStatus>("status", word));
                }

                status = named;
            }

            return ListRoute.AnswerAsync(http, "bases", async (query, page, ct) =>
                {
                    var answer = await bases.BasesPageAsync(query.Filter with { Subject = subject }, status, page, ct);
                    if (answer.Total == 0 && subject is not null)
                    {
                        await BaseProblems.EnsureSomeBaseIsNamedAsync(bases, subject, ct);
                    }

                    return withoutStatements ? answer with { Items = answer.Items.Select(b => b with { Statements = [] }).ToList() } : answer;
                },
                BaseCsv.Bases);
        });

        api.MapGet("/bases/{name}", async (BaseQueries bases, string name, HttpContext http, CancellationToken ct) =>
        {
            if (ListQuery.Read(http.Request.Query, out var query) is { } bad)
            {
                return bad;
            }

            var (found, missing) = await OneBaseAsync(bases, query.Filter, name, ct);
            return found is not null ? Results.Ok(found) : missing!;
        });

        api.MapGet("/bases/{name}/statements", async (BaseQueries bases, string name, HttpContext http, CancellationToken ct) =>
        {
            if (ListQuery.Read(http.Request.Query, out var query) is { } bad)
            {
                return bad;
            }

            var (found, missing) = await OneBaseAsync(bases, query.Filter, name, ct);
            return found is null ? missing!
                : await ListRoute.AnswerAsync(http, "statements", (q, page, token) => bases.BaseStatementsPageAsync(q.Filter, found.Base, page, token),
                    BaseCsv.Statements);
        });
    }

    /// <summary>The base a name in a route means (<see cref="BaseQueries.FindBaseAsync"/>), else the problem saying why (<see cref="BaseProblems"/>).</summary>
    private static async Task<(BaseStatusView? Found, IResult? Missing)> OneBaseAsync(BaseQueries bases, ClaimFilter filter, string name, CancellationToken ct)
    {
        var (found, matches) = await bases.FindBaseAsync(filter, name, ct);
        return found is not null ? (found, null) : (null, await BaseProblems.NotFoundAsync(bases, filter, name, matches, ct));
    }
}
