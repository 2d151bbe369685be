using IngestWorker.Api;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Hosting;

/// <summary>What the worker runs with, already checked.</summary>
public sealed record WorkerSettings(InboxOptions Inbox, LoadedRules Rules, string Urls, ProjectionOptions Projections)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
}

/// <summary>The running worker: inbox, projection daemon and HTTP API in one host.</summary>
public static class WorkerApp
{
    /// <param name="configure">Last word on logging and services (tests add a projection or quiet the log).</param>
    public static WebApplication Build(WorkerSettings settings, string connectionString, Action<ILoggingBuilder, IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.AddIngestCore(connectionString, settings.Rules, settings.Projections);
        builder.Services.AddIngestWorker(settings.Inbox);
        configure?.Invoke(builder.Logging, builder.Services);

        var app = builder.Build();
        app.MapIngestApi();
        return app;
    }
}
