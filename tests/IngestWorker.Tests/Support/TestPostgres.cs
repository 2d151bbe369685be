using IngestWorker.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run: the server named by INGEST_TEST_DB, or a throwaway one
/// started from the machine's binaries by the same code the worker uses. Each test class gets a database of its own.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "INGEST_TEST_DB";

    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await Shared.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString)
        {
            Database = name,
            ApplicationName = "IngestWorker.Tests",
            MaxAutoPrepare = 50,
            NoResetOnClose = true,
        }.ConnectionString;
    }

    private sealed record Server(string AdminConnectionString);

    private static async Task<Server> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return new Server(configured);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"ingestworker-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        var embedded = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            embedded.StopNowAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A server file still held open; the temp folder is cleaned by the machine.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return new Server(embedded.ConnectionStringFor("postgres"));
    }
}
