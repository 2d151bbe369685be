using IngestWorker.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.Tests.Support;

/// <summary>A fresh database with the log's schema, for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresEventStore Store => new(DataSource);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("test");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await EventStoreSchema.MigrateAsync(DataSource, NullLogger.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    /// <summary>A new database of its own, for a test that must not share (two workers, replays).</summary>
    public static async Task<string> FreshDatabaseAsync() => await TestPostgres.CreateDatabaseAsync("iso");
}
