using IngestWorker.EventStore;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>
/// The inbox first: while it takes files in, the claims projection (which extracts) waits, and the articles projection
/// does not, so a file taken in is listed at once and its claims follow once the inbox has been idle a moment.
/// </summary>
public sealed class InboxFirstTests
{
    [Fact]
    public async Task While_the_inbox_takes_files_in_an_article_is_listed_and_its_claims_wait_until_the_inbox_is_idle()
    {
        // Given a running worker whose inbox is taking files in.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("inbox-first"));
        var taking = worker.Services.GetRequiredService<InboxActivity>().Taking();

        // When an article reaches the log.
        await using (var session = worker.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            const string body = "About 2,500 US troops are in Iraq, officials said on Monday.";
            session.Events.StartStream("inbox-first-report", new ArticleReceived("report.txt", "A report", null, null, null, body, "report-hash", body.Length));
            await session.SaveChangesAsync();
        }

        // Then it is listed, and none of its claims is read while the inbox is busy.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await RowsAsync(connection, "troop_counts"));

        // And once the inbox is idle, its troop count follows.
        taking.Dispose();
        await Eventually.HoldsAsync(async () => await RowsAsync(connection, "troop_counts") == 1, "the article's troop count is read");
    }

    [Fact]
    public async Task An_inbox_that_takes_nothing_in_holds_no_projection_back()
    {
        var activity = new InboxActivity(TimeProvider.System);

        var wait = activity.UntilIdleAsync(InboxActivity.LongestWait, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully, "nothing was ever taken in");
        Assert.False(activity.IsBusy);
        await wait;
    }

    [Fact]
    public async Task A_projection_waits_while_files_are_taken_in_and_goes_on_once_the_inbox_has_been_quiet_a_moment()
    {
        var activity = new InboxActivity(TimeProvider.System);
        var taking = activity.Taking();

        var wait = activity.UntilIdleAsync(InboxActivity.LongestWait, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(wait.IsCompleted, "the inbox is still taking files in");

        taking.Dispose();
        Assert.True(activity.IsBusy, "a drop comes over many scans: the moment after one is not yet idle");
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(activity.IsBusy);
    }

    [Fact]
    public async Task A_drop_that_never_ends_holds_a_projection_back_no_longer_than_the_longest_wait()
    {
        var activity = new InboxActivity(TimeProvider.System);
        using var taking = activity.Taking();

        await activity.UntilIdleAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(activity.IsBusy, "the projection goes on beside the inbox, which is still taking files in");
    }

    private static async Task<long> RowsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {ReadModelSchema.Live}.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
