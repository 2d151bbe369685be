using IngestWorker.Inbox;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Tests.Inbox;

public sealed class SharedInboxTests
{
    private const int Files = 5_000;

    [Fact]
    public async Task Two_workers_on_one_inbox_split_a_bulk_drop_and_take_no_file_twice()
    {
        // Given two workers on one database watching one inbox.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var folder = Paths.Scratch("shared-inbox");
        var inbox = Path.Combine(folder, "inbox");
        var (firstLogs, secondLogs) = (new CapturedLogs(), new CapturedLogs());
        await using var first = await RunningWorker.StartAsync(connection, Path.Combine(folder, "first"), configure: options => options.InboxFolder = inbox,
            services: collection => Capture(collection, firstLogs));
        await using var second = await RunningWorker.StartAsync(connection, Path.Combine(folder, "second"), configure: options => options.InboxFolder = inbox,
            services: collection => Capture(collection, secondLogs));

        // When five thousand articles are dropped at once.
        for (var i = 0; i < Files; i++)
        {
            var part = Path.Combine(inbox, $"bulk-{i:D5}.txt.part");
            await File.WriteAllTextAsync(part, $"Bulk report {i}\n\nAbout {100 + i} US troops are in Kuwait, officials said in bulk report {i}.");
            File.Move(part, part[..^".part".Length]);
        }

        // Then every file is archived once, both workers took files, and none was read by both.
        var archive = Path.Combine(folder, "archive");
        await Eventually.HoldsAsync(() => Task.FromResult(Directory.Exists(archive) && Directory.GetFiles(archive).Length == Files),
            "every file is archived", TimeSpan.FromMinutes(5));
        Assert.Empty(Directory.GetFiles(inbox));
        Assert.False(Directory.Exists(Path.Combine(archive, "duplicates")) && Directory.GetFiles(Path.Combine(archive, "duplicates")).Length > 0);
        var (byFirst, bySecond) = (Ingested(firstLogs), Ingested(secondLogs));
        Assert.True(byFirst > 0 && bySecond > 0, $"the first worker took {byFirst} files, the second {bySecond}");
        Assert.Equal(Files, byFirst + bySecond);
        Assert.DoesNotContain(firstLogs.Entries.Concat(secondLogs.Entries), e => e.Id.Id is 1002 or 1008);
        var status = await first.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);
        Assert.Equal(Files, status.Articles);
    }

    /// <summary>Files the worker appended as new articles (its "Ingested" lines).</summary>
    /// <summary>The inbox's handler says at Information what became of each file; the tests' workers log warnings otherwise.</summary>
    private static void Capture(IServiceCollection services, CapturedLogs logs)
    {
        services.AddSingleton<ILoggerProvider>(logs);
        services.Configure<LoggerFilterOptions>(filters => filters.Rules.Add(
            new LoggerFilterRule(null, typeof(IngestFilesHandler).FullName, LogLevel.Information, null)));
    }

    private static int Ingested(CapturedLogs logs) => logs.Entries.Count(e => e.Id.Id == 1001);
}
