using IngestWorker.Answers;
using IngestWorker.Articles;
using IngestWorker.Bases;
using IngestWorker.Copies;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using IngestWorker.Troops;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace IngestWorker.Hosting;

/// <summary>What every verb that touches the database shares, and what only the running worker adds.</summary>
public static class IngestServices
{
    /// <summary>The data source (built once, logging through the host's loggers), the Marten store over the log, the read models' queries.</summary>
    /// <param name="projectLive">The worker's store runs the live projections; a one-shot verb's only reads.</param>
    /// <param name="schemaCreation">Whether Marten may create or alter tables when it meets them missing (off: a reader, or a DBA applies the schema).</param>
    /// <returns>Marten's registration, for the worker to integrate with Wolverine.</returns>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddIngestCore(
        this IServiceCollection services, string connectionString, LoadedRules rules, ProjectionOptions? projectionOptions = null, bool projectLive = false,
        AutoCreate schemaCreation = AutoCreate.CreateOrUpdate)
    {
        services.AddNpgsqlDataSource(connectionString);
        services.AddSingleton<DatabaseHealth>();
        services.AddSingleton(new SchemaCreation(schemaCreation != AutoCreate.None));
        services.AddSingleton(rules);
        services.AddSingleton(projectionOptions ?? new ProjectionOptions());
        services.AddSingleton<RulesCatalog>();
        services.AddSingleton(new InboxActivity(TimeProvider.System));
        services.AddSingleton<ReplayRangeWork>();
        services.AddSingleton<Replayer>();
        services.AddSingleton<ReadModelStartup>();
        services.AddSingleton<LegacyLogMigration>();
        services.AddSingleton<SchemaStamp>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<StartTimeline>();
        services.AddSingleton(ReadModelSlices.All);
        services.AddSingleton<CopyIndex>();
        services.AddSingleton<ICopies>(provider => provider.GetRequiredService<CopyIndex>());
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<TroopQueries>();
        services.AddSingleton<BaseQueries>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<StatusQueries>();
        services.AddSingleton<InboxBacklogReader>(provider => () => InboxBacklog.Count(provider.GetService<InboxOptions>()));
        return services.AddMarten(provider =>
        {
            var options = new StoreOptions();
            LogStore.ConfigureLog(options, provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<ILogger<AppendWakeup>>());
            options.AutoCreateSchemaObjects = schemaCreation;
            options.Logger(new DiskFullWatch(provider.GetRequiredService<DatabaseHealth>()));
            ReadModelSlices.All.AddTables(options);
            if (projectLive)
            {
                ReadModelSlices.All.AddLive(options, provider.GetRequiredService<RulesCatalog>(), provider.GetRequiredService<InboxActivity>());
            }

            return options;
        });
    }

    /// <summary>
    /// The worker: hosted services start in order. The inbox watcher first, since it only looks at the folder
    /// (the settle time of files already waiting runs while the rest starts) and sends nothing until the host
    /// has started; then the schema and the read model, ready before anything is ingested or projected.
    /// </summary>
    public static IServiceCollection AddIngestWorker(this IServiceCollection services, InboxOptions inbox)
    {
        services.AddSingleton(inbox);
        services.AddSingleton<InboxHealth>();
        services.TryAddSingleton<IFileMover, FileMoves>();
        services.AddHealthChecks().AddCheck<InboxHealthCheck>("inbox", tags: [Operations.HealthSetup.ReadyTag]);
        services.AddHostedService<InboxWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseStartup>());
        services.AddHostedService<ListenWakeupClose>();
        services.AddHostedService<StartupReplay>();
        services.AddHostedService<CopyIndexStartup>();
        services.AddHostedService<SchemaStampRecord>();
        services.AddHostedService<StartTimelineLog>();
        return services;
    }
}
