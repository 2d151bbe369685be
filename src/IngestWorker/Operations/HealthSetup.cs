using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Operations;

/// <summary>One check of a health answer.</summary>
public sealed record HealthCheckAnswer(string Name, string Status, string? Description, IReadOnlyDictionary<string, object>? Data);

/// <summary>What <c>/health/live</c> and <c>/health/ready</c> answer: the verdict, the checks that failed, and every check.</summary>
public sealed record HealthAnswer(string Status, IReadOnlyList<string> Failed, IReadOnlyList<HealthCheckAnswer> Checks);

/// <summary>
/// <c>GET /health/live</c> answers 200 while the process serves requests (no check: a live worker whose
/// database is away must not be restarted for it). <c>GET /health/ready</c> answers 200 when every check
/// tagged <see cref="ReadyTag"/> passes, else 503, and names the failed ones: the database answers and takes
/// writes, the schema and read model are in place, the projections keep up (<see cref="ReadinessOptions"/>).
/// </summary>
public static class HealthSetup
{
    /// <summary>
    /// The tag of readiness checks. Another part of the worker adds a signal of its own with
    /// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [HealthSetup.ReadyTag])</c>.
    /// </summary>
    public const string ReadyTag = "ready";

    /// <summary>A check that takes longer fails: a probe must answer while the orchestrator still waits.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddWorkerHealth(this IServiceCollection services, ReadinessOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProjectionLagHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<DatabaseWritesHealthCheck>("database-writes", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<SchemaHealthCheck>("schema", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<ProjectionLagHealthCheck>("projections", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapWorkerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries
            .Select(entry => new HealthCheckAnswer(entry.Key, entry.Value.Status.ToString(),
                entry.Value.Description ?? entry.Value.Exception?.Message, entry.Value.Data.Count == 0 ? null : entry.Value.Data))
            .ToList();
        var answer = new HealthAnswer(report.Status.ToString(), checks.Where(c => c.Status != nameof(HealthStatus.Healthy)).Select(c => c.Name).ToList(), checks);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, Json), context.RequestAborted);
    }
}
