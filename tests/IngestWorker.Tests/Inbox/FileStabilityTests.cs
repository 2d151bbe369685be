using IngestWorker.Inbox;

namespace IngestWorker.Tests.Inbox;

/// <summary>When a file counts as complete; the clock is given, so nothing here waits.</summary>
public sealed class FileStabilityTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_file_is_not_taken_at_first_sight()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));

        Assert.False(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0));
    }

    [Fact]
    public void A_file_unchanged_for_the_settle_time_is_taken()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0);

        Assert.False(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0.AddMilliseconds(900)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0.AddSeconds(1)));
    }

    [Fact]
    public void Regression_a_file_written_slowly_is_not_taken_while_it_grows()
    {
        // Written at 1 KB a second, looked at twice a second: it must never be ready while it grows.
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        for (var tick = 0; tick < 20; tick++)
        {
            var now = T0.AddMilliseconds(500 * tick);
            var size = 1024L * (1 + (tick / 2));
            var writtenAt = T0.AddSeconds(tick / 2);
            Assert.False(stability.IsReady("slow.txt", size, writtenAt, now), $"taken half-written at {size} bytes");
        }

        // Done at 10 KB: taken once it held still for the settle time.
        Assert.True(stability.IsReady("slow.txt", 10_240, T0.AddSeconds(9), T0.AddSeconds(10)));
    }

    [Fact]
    public void A_file_whose_time_changes_at_the_same_size_waits_again()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0, T0);

        Assert.False(stability.IsReady("a.txt", 10, T0.AddSeconds(1), T0.AddSeconds(1)));
        Assert.False(stability.IsReady("a.txt", 10, T0.AddSeconds(1), T0.AddSeconds(1.5)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddSeconds(1), T0.AddSeconds(2)));
    }

    [Fact]
    public void A_file_written_just_now_waits_even_when_it_was_seen_long_ago_at_that_size()
    {
        // Its time says it was written 100 ms ago: the writer may still be at it.
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0.AddSeconds(4.9), T0);

        Assert.False(stability.IsReady("a.txt", 10, T0.AddSeconds(4.9), T0.AddSeconds(5)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddSeconds(4.9), T0.AddSeconds(6)));
    }

    [Fact]
    public void A_file_dated_in_the_future_is_taken_once_it_held_still()
    {
        // A share whose clock runs an hour ahead: the sightings decide, or the file would wait an hour.
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0.AddHours(1), T0);

        Assert.True(stability.IsReady("a.txt", 10, T0.AddHours(1), T0.AddSeconds(1)));
    }

    [Fact]
    public void A_file_moved_in_long_after_it_was_written_is_taken_at_first_sight()
    {
        // Written five minutes ago, renamed into the inbox now: its bytes held still before it arrived.
        var stability = new FileStability(TimeSpan.FromSeconds(1));

        Assert.True(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0, changedAt: T0));
    }

    [Fact]
    public void A_file_written_and_renamed_at_once_waits_the_settle_time()
    {
        // Renamed 200 ms after its last write: the writer may have paused, not finished.
        var stability = new FileStability(TimeSpan.FromSeconds(1));

        Assert.False(stability.IsReady("a.txt", 10, T0.AddMilliseconds(-200), T0, changedAt: T0));
        Assert.False(stability.IsReady("a.txt", 10, T0.AddMilliseconds(-200), T0.AddMilliseconds(900), changedAt: T0));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddMilliseconds(-200), T0.AddSeconds(1), changedAt: T0));
    }

    [Fact]
    public void A_file_whose_status_changed_when_it_was_written_waits_however_old_both_times_are()
    {
        // Both times five minutes old by the file system's clock, which may run behind ours: only the two times
        // compared with each other say anything, so the sightings decide.
        var stability = new FileStability(TimeSpan.FromSeconds(1));

        Assert.False(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0, changedAt: T0.AddMinutes(-5)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0.AddSeconds(1), changedAt: T0.AddMinutes(-5)));
    }

    [Fact]
    public void A_zero_settle_time_takes_a_file_at_first_sight()
    {
        Assert.True(new FileStability(TimeSpan.Zero).IsReady("a.txt", 10, T0, T0));
    }

    [Fact]
    public void A_negative_settle_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileStability(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void A_file_taken_or_gone_is_forgotten()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0, T0);
        stability.IsReady("b.txt", 10, T0, T0);
        stability.IsReady("c.txt", 10, T0, T0);

        stability.Forget("a.txt");
        stability.KeepOnly(new HashSet<string>(StringComparer.Ordinal) { "b.txt" });

        Assert.Equal(1, stability.Count);
        Assert.False(stability.IsReady("a.txt", 10, T0, T0.AddSeconds(5)), "a file that comes back waits again");
    }

    [Fact]
    public void The_next_scan_is_due_when_the_earliest_sighting_settles()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), stability.UntilNextReady(T0));

        stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0);
        stability.IsReady("b.txt", 10, T0.AddMinutes(-5), T0.AddMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(600), stability.UntilNextReady(T0.AddMilliseconds(400)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0.AddSeconds(1)));
    }

    [Fact]
    public void A_file_stamped_after_its_sighting_is_due_a_settle_time_after_its_stamp()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0.AddMilliseconds(500), T0);

        Assert.Equal(TimeSpan.FromSeconds(1), stability.UntilNextReady(T0));
        Assert.False(stability.IsReady("a.txt", 10, T0.AddMilliseconds(500), T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), stability.UntilNextReady(T0.AddSeconds(1)));
        Assert.True(stability.IsReady("a.txt", 10, T0.AddMilliseconds(500), T0.AddMilliseconds(1500)));
    }

    [Fact]
    public void A_file_that_is_due_never_asks_for_a_wait_of_nothing()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        stability.IsReady("a.txt", 10, T0.AddMinutes(-5), T0);

        Assert.True(stability.UntilNextReady(T0.AddSeconds(5)) > TimeSpan.Zero);
    }
}
