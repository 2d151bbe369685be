using IngestWorker.EventStore;
using Marten;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>What every database part of the bench does to its fresh database before and between runs.</summary>
internal static class BenchDatabase
{
    public static NpgsqlDataSource Open(string connectionString) => NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// A Marten store over the log as the worker configures it (<see cref="LogStore.ConfigureLog"/>), with
    /// the schema in place; <paramref name="configure"/> adds what the part needs (its event type).
    /// </summary>
    public static async Task<DocumentStore> LogStoreAsync(NpgsqlDataSource dataSource, Action<StoreOptions>? configure, CancellationToken ct)
    {
        var store = DocumentStore.For(options =>
        {
            LogStore.ConfigureLog(options, dataSource);
            configure?.Invoke(options);
        });
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Flushes dirty pages before a timed run, so that no run pays for the checkpoint of the one before.
    /// A server where we may not (a shared one, no superuser) is measured as it is.
    /// </summary>
    public static async Task CheckpointAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("checkpoint");
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not ours to flush.
        }
    }

    /// <summary>The server's version and the settings that decide what a commit costs.</summary>
    public static async Task<string> DescribeServerAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var durable = reader.GetString(1) == "on" && reader.GetString(2) != "off";
        return $"PostgreSQL {reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, " +
            $"shared_buffers={reader.GetString(3)} ({(durable ? "durable: every commit waits for its WAL flush" : "not durable: commits do not wait for the disk")})";
    }
}
