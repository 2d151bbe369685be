using System.Net.Sockets;
using IngestWorker.Database;
using Marten.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Api;

/// <summary>
/// Every answer of the API is JSON, errors too: a bad query parameter is a 400 that says which, an
/// unknown route a 404, a database that cannot be reached a 503 (the worker is restarting it or waiting
/// for it), anything else a 500 without the internals.
/// </summary>
public static class ApiErrors
{
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (BadParameter(context.Request) is { } bad)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, bad);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception e) when (DatabaseHealth.IsDiskFull(e) && !context.Response.HasStarted)
            {
                // Up but full: "cannot be reached" would send people looking in the wrong place.
                context.Response.Headers.RetryAfter = "30";
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    "The database's disk is full; the worker keeps its files in the inbox and goes on once space is freed.");
            }
            catch (Exception e) when (IsDatabaseDown(e) && !context.Response.HasStarted)
            {
                context.Response.Headers.RetryAfter = "2";
                var why = app.Services.GetRequiredService<DatabaseHealth>().NotReadyReason is { } reason ? $" ({reason})" : string.Empty;
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    $"The database cannot be reached right now{why}; the worker keeps trying. Ask again in a moment.");
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                Log.ApiFailed(app.Logger, context.Request.Path, e);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "The worker failed to answer; its log says why.");
            }
        });
        return app;
    }

    /// <summary>Unknown routes answer JSON too (mapped last, so every real route wins).</summary>
    public static WebApplication MapJsonNotFound(this WebApplication app)
    {
        app.MapFallback((HttpContext context) => Results.Json(new { error = $"No such route: {context.Request.Method} {context.Request.Path}." },
            statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    /// <summary>A NUL character cannot reach PostgreSQL in a text parameter: say so instead of failing on it.</summary>
    private static string? BadParameter(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
            {
                return $"The query parameter '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character.";
            }
        }

        return request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true ? "The path holds a NUL character." : null;
    }

    private static bool IsDatabaseDown(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } or SocketException => true,
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown } => true,
        MartenCommandException or AggregateException or InvalidOperationException when e.InnerException is { } inner => IsDatabaseDown(inner),
        _ => false,
    };

    private static Task WriteAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error }, context.RequestAborted);
    }
}
