using IngestWorker.Inbox;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace IngestWorker.Operations;

/// <summary>
/// Metrics through OpenTelemetry: the worker's own meter (<see cref="InboxMetrics"/>, <see cref="ProjectionMetrics"/>), Marten's (event
/// appends, the daemon's progress), Wolverine's (messages handled), ASP.NET Core's and Kestrel's (requests
/// and their latency), Npgsql's (connections, commands) and the runtime's (GC, threads). A Prometheus scrape
/// route, <c>/metrics</c>, on the API's address; OTLP as well when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (with the other standard <c>OTEL_*</c> variables, read by the exporter).
/// </summary>
public static class MetricsSetup
{
    public const string ScrapeRoute = "/metrics";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meters exported besides the worker's own (a trailing <c>*</c> takes every meter whose name starts so).</summary>
    private static readonly string[] LibraryMeters = ["Marten*", "Wolverine*", "JasperFx*", "Npgsql", "Microsoft.AspNetCore.*", "System.Runtime", "System.Net.*"];

    public static IServiceCollection AddWorkerMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ProjectionLagSampler>();
        services.AddSingleton<ProjectionMetrics>();
        services.AddSingleton<InboxMetrics>();

        // Marten counts appended events on its meter only when asked.
        services.ConfigureMarten(options => options.OpenTelemetry.TrackEventCounters());

        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("IngestWorker"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(InboxMetrics.MeterName).AddMeter(LibraryMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    public static IEndpointRouteBuilder MapWorkerMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapeRoute);
        return app;
    }
}
