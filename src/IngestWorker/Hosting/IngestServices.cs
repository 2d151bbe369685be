using IngestWorker.Articles;
using IngestWorker.Claims;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Hosting;

/// <summary>What every verb that touches the database shares, and what only the running worker adds.</summary>
public static class IngestServices
{
    public static IServiceCollection AddIngestCore(this IServiceCollection services, string connectionString, LoadedRules rules, ProjectionOptions? projectionOptions = null)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton(rules);
        services.AddSingleton(projectionOptions ?? new ProjectionOptions());
        services.AddSingleton<PostgresEventStore>();
        services.AddSingleton<RulesCatalog>();
        services.AddSingleton<LogSignal>();
        services.AddSingleton<IProjection, ArticlesProjection>();
        services.AddSingleton<IProjection, ClaimsProjection>();
        services.AddSingleton<Replayer>();
        services.AddSingleton<ReadModelStartup>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<ClaimQueries>();
        services.AddSingleton<StatusQueries>();
        return services;
    }

    /// <summary>The worker: schema and read model ready first (hosted services start in order), then inbox, listener and daemon.</summary>
    public static IServiceCollection AddIngestWorker(this IServiceCollection services, InboxOptions inbox)
    {
        services.AddSingleton(inbox);
        services.AddSingleton(provider => DatabaseRetry.Create(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseRetry))));
        services.AddSingleton<ArticleIngestor>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseStartup>());
        services.AddHostedService<InboxWatcher>();
        services.AddHostedService<EventListener>();
        services.AddHostedService<ProjectionDaemon>();
        return services;
    }
}
