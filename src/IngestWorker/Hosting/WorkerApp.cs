using IngestWorker.Api;
using IngestWorker.Database;
using IngestWorker.Inbox;
using IngestWorker.Operations;
using IngestWorker.Postgres;
using IngestWorker.Projections;
using IngestWorker.Replay;
using JasperFx;
using JasperFx.Core;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Postgresql;

namespace IngestWorker.Hosting;

/// <summary>What the worker runs with, already checked.</summary>
/// <param name="Readiness">How far behind the projections may be while the worker says it is ready; null for the defaults.</param>
/// <param name="Solo">
/// This worker is the only one on its database (always so on the embedded server): it runs every projection
/// itself from the start instead of waiting for Wolverine's leader to hand them out.
/// </param>
/// <param name="SchemaCreation">
/// Whether the worker creates and migrates its schema at start (Marten's and Wolverine's AutoCreate); off where a DBA
/// applies it (<c>IngestWorker db-apply</c> / <c>db-patch</c>) and the worker only checks that it is in place.
/// </param>
public sealed record WorkerSettings(InboxOptions Inbox, LoadedRules Rules, string Urls, ProjectionOptions Projections, ReadinessOptions? Readiness = null,
    bool SchemaCreation = true, bool Solo = false)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const string SoloVariable = "INGEST_SOLO";

    /// <summary>Whether <c>INGEST_SOLO</c> says this worker is alone on its database.</summary>
    public static bool SoloFromEnvironment() => Environment.GetEnvironmentVariable(SoloVariable) is "1" or "true";
}

/// <summary>The running worker: inbox, Wolverine handlers, Marten's projection daemon and the HTTP API in one host.</summary>
public static class WorkerApp
{
    /// <summary>Wolverine's own tables (nodes, agents, envelopes) live beside the log, in a schema of their own.</summary>
    public const string WolverineSchema = "ingest_wolverine";

    /// <param name="configure">Last word on logging and services (tests add a projection or quiet the log).</param>
    /// <param name="embeddedServer">The worker's own PostgreSQL, which it then keeps alive; null for a server of someone else's.</param>
    public static WebApplication Build(WorkerSettings settings, string connectionString, Action<ILoggingBuilder, IServiceCollection>? configure = null,
        EmbeddedPostgres? embeddedServer = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.AnswerKestrelRejectionsAsProblems();
        builder.Services.AddApiProblemDetails();
        builder.Services.AddWorkerHealth(settings.Readiness ?? new ReadinessOptions());
        builder.Services.AddWorkerMetrics();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Wolverine", LogLevel.Warning);
        builder.Logging.AddFilter("Marten", LogLevel.Warning);
        builder.Logging.AddFilter("JasperFx", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);

        // Wolverine logs a failed FilesToIngest invocation under the message's name; the inbox watcher already says
        // what became of the batch (a full disk once, not at every try), so Wolverine's stack trace would repeat it.
        // A category rule, so the minimum level stays with whoever runs the worker: a rule without a category
        // (a filter function) would take the place of that minimum, and every category would log at Trace.
        builder.Logging.AddFilter(typeof(FilesToIngest).FullName, LogLevel.None);

        if (embeddedServer is not null)
        {
            builder.Services.AddSingleton(embeddedServer);
            builder.Services.AddHostedService<EmbeddedServerWatch>();
        }

        // The embedded server is reachable only through this worker's data folder, which it holds locked.
        var solo = settings.Solo || embeddedServer is not null;

        // Registered before Wolverine, so the log and the read model are ready before its agents start.
        builder.Services.AddIngestWorker(settings.Inbox);
        builder.Services.AddSingleton<ReplayRangeQueue>();
        builder.Services.AddIngestCore(connectionString, settings.Rules, settings.Projections, projectLive: true,
                schemaCreation: settings.SchemaCreation ? AutoCreate.CreateOrUpdate : AutoCreate.None)
            .IntegrateWithWolverine(wolverine =>
            {
                wolverine.MessageStorageSchemaName = WolverineSchema;
                wolverine.TransportSchemaName = WolverineSchema;

                // Each async projection runs on exactly one worker of those sharing the database, and moves when that worker dies.
                wolverine.UseWolverineManagedEventSubscriptionDistribution = true;
            });
        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.ApplicationAssembly = typeof(WorkerApp).Assembly;
            if (!settings.SchemaCreation)
            {
                wolverine.AutoBuildMessageStorageOnStartup = AutoCreate.None;
            }

            // Alone on its database, the worker starts every agent (the projections among them) itself at once:
            // no leader election, no wait for the leader's first health check to assign them (~3 s measured).
            if (solo)
            {
                wolverine.Durability.Mode = DurabilityMode.Solo;
            }

            // Handler code is generated ahead of time (`IngestWorker codegen write`, Internal/Generated):
            // the worker starts without compiling, in less memory and time.
            wolverine.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Static;

            // Nodes check in every 2 s, and one silent for 10 s is taken to be dead: its projections move to
            // a live worker within seconds (Wolverine's defaults, 10 s and a minute, suit larger clusters).
            wolverine.Durability.FirstHealthCheckExecution = 250.Milliseconds();
            wolverine.Durability.HealthCheckPollingTime = 2.Seconds();
            wolverine.Durability.StaleNodeTimeout = 10.Seconds();

            // A replay's ranges go to a queue in the database that every worker takes from, each up to its core count at once.
            wolverine.PublishMessage<ReplayRange>().ToPostgresqlQueue(ReplayRangeQueue.Name);
            wolverine.ListenToPostgresqlQueue(ReplayRangeQueue.Name)
                .MaximumMessagesToReceive(2 * settings.Projections.ReplayCoresOrAll)
                .MaximumParallelMessages(settings.Projections.ReplayCoresOrAll)
                .PollingInterval(250.Milliseconds());

            // Transient database faults (a restart, a dropped connection) are retried with backoff; the files
            // stay in the inbox meanwhile, so even a batch that runs out of retries is only tried again later.
            wolverine.Policies.OnException<NpgsqlException>(e => e.IsTransient)
                .RetryWithCooldown(200.Milliseconds(), 1.Seconds(), 3.Seconds());
        });
        configure?.Invoke(builder.Logging, builder.Services);

        var app = builder.Build();
        app.UseApiProblemDetails();
        app.MapIngestApi();
        app.MapWorkerHealth();
        app.MapWorkerMetrics();
        app.Services.GetRequiredService<StartTimeline>().Mark("host built");
        return app;
    }
}
