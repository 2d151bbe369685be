using System.Diagnostics;
using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.EventStore;

/// <summary>
/// The daemon's high-water agent waits on <see cref="AppendWakeup"/> between its detections. The waits here are a minute
/// long, so one that returns within seconds was woken by a notification, never by its timeout.
/// </summary>
public sealed class AppendWakeupTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WokenWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Regression_an_append_notified_while_the_agent_was_not_waiting_wakes_its_next_wait()
    {
        // Given a wake-up that listens, and an agent that has taken every notification so far and now detects.
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseFixture.FreshDatabaseAsync());
        using var wakeup = new AppendWakeup(dataSource);
        await wakeup.WaitAsync(Poll, CancellationToken.None);

        // When an append notifies during that detection, and the notification has arrived before the agent waits again.
        await NotifyAsync(dataSource);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Then its next wait returns at once (Marten's own wake-up dropped that notification and waited for the poll).
        Assert.True(await WaitsLessThanAsync(wakeup, WokenWithin), "the wait was woken by the notification");
    }

    [Fact]
    public async Task An_append_notified_during_a_wait_ends_it_and_many_notifications_wake_one_wait_only()
    {
        // Given a listening wake-up with nothing pending.
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseFixture.FreshDatabaseAsync());
        using var wakeup = new AppendWakeup(dataSource);
        await wakeup.WaitAsync(Poll, CancellationToken.None);

        // When an agent waits and an append notifies.
        var waiting = WaitsLessThanAsync(wakeup, WokenWithin);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        await NotifyAsync(dataSource);

        // Then the wait ends.
        Assert.True(await waiting, "the wait was woken by the notification");

        // And after three notifications while nobody waits, one wait returns at once and the next waits for its poll.
        for (var i = 0; i < 3; i++)
        {
            await NotifyAsync(dataSource);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.True(await WaitsLessThanAsync(wakeup, WokenWithin), "the first wait was woken");
        var second = await TimedWaitAsync(wakeup, TimeSpan.FromMilliseconds(700));
        Assert.True(second >= TimeSpan.FromMilliseconds(600), $"the second wait waited for its poll (it took {second.TotalMilliseconds:F0} ms)");
    }

    [Fact]
    public async Task Once_closed_it_lets_a_waiting_agent_go_and_the_agent_polls_on_without_spinning()
    {
        // Given an agent waiting on a listening wake-up.
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseFixture.FreshDatabaseAsync());
        var wakeup = new AppendWakeup(dataSource);
        await wakeup.WaitAsync(Poll, CancellationToken.None);
        var waiting = wakeup.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

        // When the wake-up is closed under it.
        wakeup.Dispose();

        // Then the wait ends at its poll, and the next waits for its poll too rather than returning at once.
        await waiting.WaitAsync(WokenWithin);
        var next = await TimedWaitAsync(wakeup, TimeSpan.FromMilliseconds(500));
        Assert.True(next >= TimeSpan.FromMilliseconds(400), $"the wait after closing took {next.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_session_that_appends_notifies_and_one_that_only_stores_documents_does_not()
    {
        // Given a worker's store (its sessions carry the wake-up's listener), and a wake-up listening beside it.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connectionString, Paths.Scratch("wakeup-sessions"));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var wakeup = new AppendWakeup(dataSource);
        await wakeup.WaitAsync(Poll, CancellationToken.None);
        var store = worker.Services.GetRequiredService<IDocumentStore>();

        // When a session appends an event.
        var waiting = WaitsLessThanAsync(wakeup, WokenWithin);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        await using (var session = store.LightweightSession())
        {
            var body = "About 2,500 US troops are in Iraq, a session said.";
            session.Events.StartStream("wakeup-session", new ArticleReceived("session.txt", "A session's report", null, null, null, body, "wakeup-hash", body.Length));
            await session.SaveChangesAsync();
        }

        // Then the wake-up hears it.
        Assert.True(await waiting, "the append's notification woke the wait");

        // And a session without events sends nothing: its wait runs to its poll.
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand("select 1");
            await session.SaveChangesAsync();
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var quiet = await TimedWaitAsync(wakeup, TimeSpan.FromMilliseconds(700));
        Assert.True(quiet >= TimeSpan.FromMilliseconds(600), $"the wait after a session without events took {quiet.TotalMilliseconds:F0} ms");
    }

    private static async Task<bool> WaitsLessThanAsync(AppendWakeup wakeup, TimeSpan bound) => await TimedWaitAsync(wakeup, Poll) < bound;

    /// <summary>How long one wait of at most <paramref name="timeout"/> took.</summary>
    private static async Task<TimeSpan> TimedWaitAsync(AppendWakeup wakeup, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await wakeup.WaitAsync(timeout, CancellationToken.None);
        return watch.Elapsed;
    }

    private static async Task NotifyAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(AppendWakeup.NotifySql);
        await command.ExecuteNonQueryAsync();
    }
}
