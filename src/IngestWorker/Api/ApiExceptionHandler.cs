using System.Net.Sockets;
using IngestWorker.Answers;
using IngestWorker.Core.Errors;
using IngestWorker.Database;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Api;

/// <summary>
/// What an exception that escapes a route answers, as a problem: a database that cannot be reached a 503
/// (the worker is restarting it or waiting for it), a caller's mistake found deep in a query its 400, and
/// anything else a 500 without the internals (the log has them).
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, DatabaseHealth database, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>How long a client should wait before asking again while the database is away.</summary>
    public const string RetryAfterSeconds = "2";

    /// <summary>A full disk is freed by a person, not in a moment.</summary>
    public const string DiskFullRetryAfterSeconds = "30";

    private string Why() => database.NotReadyReason is { } reason ? $" ({reason})" : string.Empty;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (problem, detail) = exception switch
        {
            IngestWorkerException known when ApiProblem.For(known.Code) is var byCode && byCode != ApiProblem.InternalError =>
                (byCode, byCode == ApiProblem.DatabaseUnavailable ? $"{known.Message}{Why()}" : known.Message),
            // Up but full: "cannot be reached" would send people looking in the wrong place.
            _ when DatabaseHealth.IsDiskFull(exception) => (ApiProblem.DatabaseFull,
                "the database's disk is full; the worker keeps its files in the inbox and goes on once space is freed."),
            _ when IsDatabaseDown(exception) => (ApiProblem.DatabaseUnavailable,
                $"the database cannot be reached right now{Why()}; the worker keeps trying. Ask again in a moment."),
            _ => (ApiProblem.InternalError, "the worker failed to answer; its log says why."),
        };
        if (problem == ApiProblem.InternalError)
        {
            Log.ApiFailed(logger, httpContext.Request.Path, exception);
        }

        if (problem == ApiProblem.DatabaseUnavailable || problem == ApiProblem.DatabaseFull)
        {
            httpContext.Response.Headers.RetryAfter = problem == ApiProblem.DatabaseFull ? DiskFullRetryAfterSeconds : RetryAfterSeconds;
        }

        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = detail },
        });
    }

    private static bool IsDatabaseDown(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } or SocketException => true,
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown } => true,
        MartenCommandException or AggregateException or InvalidOperationException when e.InnerException is { } inner => IsDatabaseDown(inner),
        _ => false,
    };
}
