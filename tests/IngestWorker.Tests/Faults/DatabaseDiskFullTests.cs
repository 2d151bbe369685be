using System.Text;
using IngestWorker.Database;
using IngestWorker.FaultHarness;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Tests.Faults;

public sealed class DatabaseDiskFullTests
{
    private const int DiskFullEvent = 4020;
    private const int WritableAgainEvent = 4021;

    [Fact]
    public async Task Regression_a_full_database_disk_is_logged_once_when_it_fills_and_once_when_it_frees_and_readiness_says_why_meanwhile()
    {
        // Given a running worker that has ingested one article, its log captured.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        var logs = new CapturedLogs();
        await using var worker = await RunningWorker.StartAsync(connectionString, Paths.Scratch("disk-full"), services: collection =>
        {
            collection.AddSingleton<ILoggerProvider>(logs);
            collection.Configure<LoggerFilterOptions>(filters => filters.Rules.Add(
                new LoggerFilterRule(null, typeof(DatabaseHealth).FullName, LogLevel.Information, null)));
        });
        await worker.DropAsync("before.txt", Article("before"));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the first article is listed");

        // When the database's disk fills: PostgreSQL answers every append with disk_full (53100), as it does when it cannot extend a table.
        await FullDatabaseDisk.FillAsync(connectionString, CancellationToken.None);
        await worker.DropAsync("during.txt", Article("during"));
        var health = worker.Services.GetRequiredService<DatabaseHealth>();
        await Eventually.HoldsAsync(() => Task.FromResult(health.DiskFull), "the worker knows the disk is full");

        // Then readiness says why, the file waits in the inbox, and however many tries fail, one line says it.
        Assert.Contains("disk is full", health.NotReadyReason, StringComparison.Ordinal);
        using (var http = new HttpClient { BaseAddress = worker.BaseAddress })
        {
            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("disk is full", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Contains("during.txt", worker.FilesIn(worker.Inbox.ResolvedInbox));
        Assert.Single(logs.Entries, e => e.Id.Id == DiskFullEvent);
        Assert.DoesNotContain(logs.Entries, e => DatabaseHealth.IsDiskFull(e.Exception));

        // When space is freed, the article goes in, and one line says the database is writable again.
        await FullDatabaseDisk.FreeAsync(connectionString, CancellationToken.None);
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 2, "the article dropped meanwhile is listed", TimeSpan.FromSeconds(60));
        Assert.False(health.DiskFull);
        Assert.Null(health.NotReadyReason);
        Assert.Single(logs.Entries, e => e.Id.Id == WritableAgainEvent);
        Assert.Single(logs.Entries, e => e.Id.Id == DiskFullEvent);
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Kuwait, officials said in the {name} report.");
}
