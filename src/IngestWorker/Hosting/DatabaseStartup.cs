using IngestWorker.EventStore;
using IngestWorker.Projections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Hosting;

/// <summary>Creates or upgrades the log's schema and readies the read model before anything else runs.</summary>
public sealed class DatabaseStartup(
    NpgsqlDataSource dataSource,
    ReadModelStartup readModel,
    LoadedRules rules,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    /// <summary>For the worker: may replay when the rules changed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EventStoreSchema.MigrateAsync(dataSource, logger, cancellationToken);
        await readModel.PrepareAsync(rules, cancellationToken);
    }

    /// <summary>For one-shot verbs (query, status): the schema and an empty model if none, never a replay.</summary>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        await EventStoreSchema.MigrateAsync(dataSource, logger, ct);
        await readModel.EnsureCreatedAsync(rules, ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
