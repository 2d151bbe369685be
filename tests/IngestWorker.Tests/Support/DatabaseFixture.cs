using IngestWorker.EventStore;
using Marten;
using Npgsql;

namespace IngestWorker.Tests.Support;

/// <summary>A fresh database with the log's schema (Marten's tables in the project's schema), for one test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>A store over the log configured as the worker's, without its projections.</summary>
    public IDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("test");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Store = DocumentStore.For(options => LogStore.ConfigureLog(options, DataSource));
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await DataSource.DisposeAsync();
    }

    /// <summary>A new database of its own, for a test that must not share (two workers, replays).</summary>
    public static async Task<string> FreshDatabaseAsync() => await TestPostgres.CreateDatabaseAsync("iso");
}
