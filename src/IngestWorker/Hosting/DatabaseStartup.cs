using IngestWorker.Replay;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using Marten;
using Microsoft.Extensions.Hosting;

namespace IngestWorker.Hosting;

/// <summary>Creates or upgrades the log's schema and readies the read model before anything else runs.</summary>
public sealed class DatabaseStartup(IDocumentStore store, LegacyLogMigration legacy, ReadModelStartup readModel, LoadedRules rules) : IHostedService
{
    /// <summary>Set at start when the read model's rules are not the worker's: <see cref="StartupReplay"/> replays once the worker runs.</summary>
    public bool ReplayNeeded { get; private set; }

    /// <summary>For the worker: rebuilds a model of another shape at once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareLogAsync(cancellationToken);
        ReplayNeeded = await readModel.PrepareAsync(rules, cancellationToken);
    }

    /// <summary>For one-shot verbs (query, status): the schema and an empty model if none, never a replay.</summary>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        await PrepareLogAsync(ct);
        await readModel.EnsureCreatedAsync(rules, ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareLogAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await legacy.MigrateAsync(ct);
    }
}
