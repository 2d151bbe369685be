using System.Diagnostics;
using System.Text;
using IngestWorker.Postgres;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Tests.Faults;

public sealed class EmbeddedServerKilledTests
{
    [Fact]
    public async Task Regression_the_embedded_server_killed_under_the_worker_is_started_again_and_nothing_dropped_meanwhile_is_lost()
    {
        // Given a worker on a PostgreSQL of its own (not the suite's shared one: this test kills it).
        var folder = Paths.Scratch("killed-server");
        // Durable as the worker's own server is: a killed server loses no commit.
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(folder, ".ingest"), NullLogger.Instance, CancellationToken.None, durable: true);
        await using var worker = await RunningWorker.StartAsync(server.ConnectionString, folder, embeddedServer: server);
        await worker.DropAsync("before.txt", Article("before"));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the first article is listed");

        // When the server is killed outright and an article is dropped while it is down.
        var pid = server.ServerProcessId() ?? throw new InvalidOperationException("the server has no pid file");
        Process.GetProcessById(pid).Kill();
        await worker.DropAsync("during.txt", Article("during"));

        // Then the worker starts its server again, and the article dropped meanwhile is ingested and listed.
        await Eventually.HoldsAsync(async () => server.ServerProcessId() is { } now && now != pid && await ListedAsync(worker, 2),
            "the server runs again and both articles are listed", TimeSpan.FromSeconds(90));
        Assert.Empty(worker.FilesIn(worker.Inbox.ResolvedInbox));
    }

    private static async Task<bool> ListedAsync(RunningWorker worker, int count)
    {
        try
        {
            return (await worker.ArticlesAsync()).Count == count;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Iraq, officials said in the {name} report.");
}
