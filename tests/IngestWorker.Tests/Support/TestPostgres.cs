using DotNet.Testcontainers.Builders;
using IngestWorker.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace IngestWorker.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run, chosen in this order: the server named by INGEST_TEST_DB;
/// a container started through Testcontainers when a container engine (Docker, or podman's Docker API) answers;
/// otherwise a throwaway server started from the machine's binaries by the same code the worker uses.
/// Each test class gets a database of its own on it.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "INGEST_TEST_DB";

    /// <summary>The image Testcontainers starts; CI points it at an image built locally.</summary>
    public const string ImageVariable = "INGEST_TEST_IMAGE";

    public const string DefaultImage = "postgres:15";

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
            // The code under test opens new connections from a connection's ConnectionString; a container
            // asks for a password, which Npgsql drops from that string after opening unless told to keep it.
            PersistSecurityInfo = true,
        }.ConnectionString;
    }

    private sealed record Server(string AdminConnectionString);

    private static async Task<Server> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            Announce($"the server in {EnvironmentVariable}");
            return new Server(configured);
        }

        return await StartContainerAsync() ?? await StartEmbeddedAsync();
    }

    /// <summary>Null when no container engine answers; an engine that answers but cannot start the image fails the run.</summary>
    private static async Task<Server?> StartContainerAsync()
    {
        var image = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } named ? named : DefaultImage;
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(image)
                .WithLogger(NullLogger.Instance)
                // Matches the embedded server: the suite runs many classes in parallel, each with its own pool.
                .WithCommand("-c", "max_connections=200")
                // Ryuk is off under podman, so a run killed mid-way leaves containers that CI removes by this label.
                .WithLabel("ingestworker.tests", "true")
                .Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        try
        {
            await container.StartAsync();
        }
        catch (Exception e)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException(
                $"A container engine answers but PostgreSQL image '{image}' did not start. Set {ImageVariable} to an image it can run, " +
                $"or {EnvironmentVariable} to a server of your own.", e);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Announce($"Testcontainers (image {image})");
        return new Server(container.GetConnectionString());
    }

    private static async Task<Server> StartEmbeddedAsync()
    {
        // Stopped, and its folder deleted, by the run's reaper once the test host has gone (TestRun).
        var folder = Path.Combine(TestRun.Folder, "server");
        var embedded = await EmbeddedPostgres.StartAsync(folder, NullLogger.Instance, CancellationToken.None, durable: false);
        Announce($"embedded server in {folder}");
        return new Server(embedded.ConnectionStringFor("postgres"));
    }

    /// <summary>Names a file the run's choice of server is appended to; dotnet test does not show the test host's stderr.</summary>
    public const string ReportVariable = "INGEST_TEST_REPORT";

    private static void Announce(string which)
    {
        var line = $"PostgreSQL for tests: {which}";
        Console.Error.WriteLine(line);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
        {
            File.AppendAllText(report, line + Environment.NewLine);
        }
    }
}
