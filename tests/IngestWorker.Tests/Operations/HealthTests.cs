using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Operations;
using IngestWorker.Postgres;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.Tests.Operations;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: what an orchestrator asks before it sends traffic, and to tell a stuck worker from a fine one.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_worker_that_has_ingested_the_seeds_is_live_and_ready_and_names_each_check()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("health-ready"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await worker.DropSeedsAsync();
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 5, "the seeds are projected");

        var (liveStatus, live) = await HealthAsync(http, "/health/live");
        var (readyStatus, ready) = await HealthAsync(http, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal(["database", "database-writes", "inbox", "projections", "schema"], CheckNames(ready));
        Assert.Empty(ready.GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task While_the_database_is_down_the_worker_is_live_but_not_ready_and_says_the_database_failed()
    {
        // Given a worker on a server that it does not look after (so the server stays down).
        var folder = Paths.Scratch("health-db-down");
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(folder, ".ingest"), NullLogger.Instance, CancellationToken.None);
        await using var worker = await RunningWorker.StartAsync(server.ConnectionString, folder);
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.OK, "the worker is ready");

        // When the server dies.
        Process.GetProcessById(server.ServerProcessId()!.Value).Kill();

        // Then it is not ready, and says it is the database; it is still live.
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.ServiceUnavailable, "the worker is not ready");
        var (_, ready) = await HealthAsync(http, "/health/ready");
        Assert.Contains("database", ready.GetProperty("failed").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(http, "/health/live")).Status);
    }

    [Fact]
    public async Task A_log_whose_schema_is_gone_is_not_ready_and_the_schema_check_says_so()
    {
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("health-schema"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.OK, "the worker is ready");

        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            await dataSource.CreateCommand($"drop schema {LogStore.Schema} cascade").ExecuteNonQueryAsync();
        }

        var (status, ready) = await HealthAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var schema = Check(ready, "schema");
        Assert.Equal("Unhealthy", schema.GetProperty("status").GetString());
        Assert.Contains("schema is not in place", schema.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_projection_that_stops_moving_with_events_waiting_makes_the_worker_not_ready_until_it_moves_again()
    {
        // Given a worker that allows a projection one second without moving.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("health-stall"),
            readiness: new ReadinessOptions { MaxStall = TimeSpan.FromSeconds(1) });
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.OK, "the worker is ready");

        // When the articles projection is held up (its table locked) while an article waits for it.
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using (var blocker = await dataSource.OpenConnectionAsync())
        await using (var transaction = await blocker.BeginTransactionAsync())
        {
            await new NpgsqlCommand($"lock table {ReadModelSchema.Live}.articles in access exclusive mode", blocker, transaction).ExecuteNonQueryAsync();
            await worker.DropAsync("held-up.md", Encoding.UTF8.GetBytes("---\ntitle: A report held up\n---\nUS forces are withdrawing from Erbil, officials said.\n"));

            // Then readiness fails, naming the projection.
            await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.ServiceUnavailable, "the worker is not ready");
            var projections = Check((await HealthAsync(http, "/health/ready")).Body, "projections");
            Assert.Contains("articles", projections.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("without moving", projections.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        // And once the projection moves again, it is ready again.
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.OK, "the worker is ready again");
    }

    [Fact]
    public async Task While_the_database_disk_is_full_the_worker_is_not_ready_and_says_so_until_a_write_succeeds()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("health-disk-full"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await Eventually.HoldsAsync(async () => (await HealthAsync(http, "/health/ready")).Status == HttpStatusCode.OK, "the worker is ready");
        var database = worker.Services.GetRequiredService<DatabaseHealth>();

        // When a write fails for a full disk (as the worker's Marten logger reports it).
        database.ReportDiskFull(new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", PostgresErrorCodes.DiskFull));

        // Then readiness fails on that check, saying why.
        var (status, ready) = await HealthAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(["database-writes"], ready.GetProperty("failed").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("disk is full", Check(ready, "database-writes").GetProperty("description").GetString(), StringComparison.Ordinal);

        // And once a write succeeds again, it is ready again.
        database.ReportWritable();
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(http, "/health/ready")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(HttpClient http, string route)
    {
        var response = await http.GetAsync(route);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static List<string?> CheckNames(JsonElement health) =>
        health.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();

    private static JsonElement Check(JsonElement health, string name) =>
        health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
