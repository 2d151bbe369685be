using IngestWorker.Answers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Api;

/// <summary>
/// Every error the API answers is an RFC 9457 problem (<c>application/problem+json</c>) with a type from
/// <see cref="ApiProblem"/>: the routes' own (a bad parameter, an unknown base), an exception that escapes
/// a route (<see cref="ApiExceptionHandler"/>), a status with no body (no such route, a method a route does
/// not take) and the requests Kestrel refuses before any route sees them (<see cref="KestrelRejections"/>).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            if (problem.Type?.StartsWith(ApiProblem.TypeBase, StringComparison.Ordinal) != true
                && ApiProblem.ForStatus(problem.Status ?? http.Response.StatusCode) is { } known)
            {
                problem.Type = known.Type;
                problem.Title = known.Title;
                problem.Detail ??= DetailOf(known, http);
            }

            problem.Instance ??= http.Request.Path.Value;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The error handling in front of the routes, then routing itself: placed here rather than first (where
    /// the host would put it) so that HEAD is served as GET by every GET route.
    /// </summary>
    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            if (NulParameter(context.Request) is { } bad)
            {
                await WriteAsync(context, ApiProblem.BadParameter, bad);
                return;
            }

            // Kestrel still knows the request was HEAD and sends the headers without the body.
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            await next(context);
        });
        app.UseRouting();
        return app;
    }

    private static string? DetailOf(ApiProblem problem, HttpContext http)
    {
        if (problem == ApiProblem.UnknownRoute)
        {
            return $"no route answers {http.Request.Method} {http.Request.Path}.";
        }

        if (problem == ApiProblem.MethodNotAllowed)
        {
            // Every GET route takes HEAD too (see UseApiProblemDetails).
            var allowed = http.Response.Headers.Allow.ToString();
            if (allowed.Split(',', StringSplitOptions.TrimEntries).Contains(HttpMethods.Get, StringComparer.Ordinal))
            {
                http.Response.Headers.Allow = allowed + ", " + HttpMethods.Head;
            }

            return $"{http.Request.Path} answers {http.Response.Headers.Allow}, not {http.Request.Method}.";
        }

        return null;
    }

    /// <summary>A NUL character cannot reach PostgreSQL in a text parameter: say so instead of failing on it.</summary>
    private static string? NulParameter(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
            {
                return $"the query parameter '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character.";
            }
        }

        return null;
    }

    private static async Task WriteAsync(HttpContext context, ApiProblem problem, string detail)
    {
        context.Response.StatusCode = problem.Status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = detail },
        });
    }
}
