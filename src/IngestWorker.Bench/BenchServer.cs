using IngestWorker.Postgres;
using IngestWorker.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// The PostgreSQL server a bench run uses. Every part asks it for a database of its own, so no part
/// measures the leftovers of another; both sides of every ratio run on the same server.
/// </summary>
/// <param name="CreateDatabaseAsync">Creates an empty database (named after the part) and returns its connection string.</param>
/// <param name="Description">Where the server is, for the report ("embedded PostgreSQL in …").</param>
public sealed record BenchServer(Func<string, CancellationToken, Task<string>> CreateDatabaseAsync, string Description)
{
    /// <summary>
    /// Runs <paramref name="measure"/> on the user's server when one is given, else on an embedded server
    /// started for this run in <paramref name="root"/>/pg; the run's files go in <paramref name="root"/>/files,
    /// and <paramref name="root"/> is removed afterwards.
    /// </summary>
    public static async Task<T> MeasureOnAsync<T>(string? serverConnectionString, string root, bool durable, ILoggerFactory loggers,
        Func<BenchServer, string, Task<T>> measure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(measure);
        var files = Path.Combine(root, "files");
        try
        {
            if (serverConnectionString is not null)
            {
                return await measure(new BenchServer((name, token) => BenchCommand.CreateDatabaseAsync(serverConnectionString, name, token),
                    $"given by --db or {BenchCommand.DatabaseVariable}"), files);
            }

            var serverFolder = Path.Combine(root, "pg");
            Directory.CreateDirectory(serverFolder);
            if (!OperatingSystem.IsWindows())
            {
                // As root the server runs as the postgres user, which must be able to write its folder.
                File.SetUnixFileMode(serverFolder, (UnixFileMode)0b111_111_111);
            }

            await using var postgres = await EmbeddedPostgres.StartAsync(serverFolder, loggers.CreateLogger<EmbeddedPostgres>(), ct, durable);
            return await measure(new BenchServer(
                async (name, token) =>
                {
                    await postgres.CreateDatabaseIfMissingAsync(name, token);
                    return DatabaseTarget.Tune(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(name)));
                },
                $"embedded, started for this run in {serverFolder}"), files);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file the server still holds; the temp folder is the machine's to clean.
            }
        }
    }
}
