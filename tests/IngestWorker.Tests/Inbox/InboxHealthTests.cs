using IngestWorker.Inbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Tests.Inbox;

/// <summary>The inbox's back-off while files cannot be moved out; the clock is given, so nothing here waits.</summary>
public sealed class InboxHealthTests
{
    private static readonly string Archive = Path.Combine(Path.GetTempPath(), "health", "archive");
    private static readonly string Rejected = Path.Combine(Path.GetTempPath(), "health", "rejected");
    private static readonly IOException NoSpace = new("No space left on device", 28);

    [Fact]
    public void Regression_one_failed_batch_of_many_files_backs_off_once_not_to_the_cap()
    {
        // Given a worker whose archive disk just filled.
        var clock = new ManualClock();
        var health = new InboxHealth(clock);

        // When one batch of 500 files fails to move, file after file.
        var firsts = Enumerable.Range(0, 500).Count(_ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            return health.MoveFailed(Archive, NoSpace);
        });

        // Then that is one failed try: the first wait, not the longest (it used to count 500 failures and wait 60 s), and it was said once.
        var problem = Assert.Single(health.Problems);
        Assert.Equal(1, problem.FailedTries);
        Assert.Equal(InboxHealth.FirstRetry, problem.Wait);
        Assert.True(health.RetryIn <= InboxHealth.FirstRetry);
        Assert.Equal(1, firsts);
    }

    [Fact]
    public void Two_batches_failing_side_by_side_are_one_try()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);

        health.MoveFailed(Archive, NoSpace);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        health.MoveFailed(Archive, NoSpace);

        Assert.Equal(1, Assert.Single(health.Problems).FailedTries);
        Assert.Equal(TimeSpan.FromMilliseconds(700), health.RetryIn);
    }

    [Fact]
    public void Each_try_that_fails_after_the_wait_doubles_it_up_to_the_cap()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        var waits = new List<double>();

        for (var attempt = 0; attempt < 9; attempt++)
        {
            // The watcher tries again once the wait has passed, with a batch of three files.
            clock.Advance(health.RetryIn);
            for (var file = 0; file < 3; file++)
            {
                health.MoveFailed(Archive, NoSpace);
            }

            waits.Add(Assert.Single(health.Problems).Wait.TotalSeconds);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        Assert.Equal(9, Assert.Single(health.Problems).FailedTries);
        Assert.Equal(InboxHealth.LongestRetry, health.RetryIn);
    }

    [Fact]
    public void Regression_a_move_into_rejected_does_not_reset_the_archives_back_off()
    {
        // Given an archive disk that has failed three tries in a row.
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        FailTries(health, clock, Archive, 3);

        // When a refused file is moved into rejected/, on another disk that has room.
        var rejectedWorkedAgain = health.MoveSucceeded(Rejected);

        // Then the archive still counts its three failed tries and the inbox is still not healthy (it used to start over, and say all was well).
        Assert.False(rejectedWorkedAgain);
        Assert.False(health.CanMoveFiles);
        var problem = Assert.Single(health.Problems);
        Assert.Equal(Archive, problem.Folder);
        Assert.Equal(3, problem.FailedTries);
        Assert.Equal(TimeSpan.FromSeconds(4), problem.Wait);
        Assert.Contains(Archive, health.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_and_rejected_back_off_each_on_their_own()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        FailTries(health, clock, Archive, 4);
        health.MoveFailed(Rejected, new UnauthorizedAccessException("Access to the path is denied."));

        Assert.Equal([(Archive, 4), (Rejected, 1)], health.Problems.Select(problem => (problem.Folder, problem.FailedTries)));
        Assert.Equal(TimeSpan.FromSeconds(8), health.RetryIn);
        Assert.Contains($"files cannot be moved into {Archive}: No space left on device", health.Problem, StringComparison.Ordinal);
        Assert.Contains($"files cannot be moved into {Rejected}: Access to the path is denied.", health.Problem, StringComparison.Ordinal);

        Assert.True(health.MoveSucceeded(Archive));
        Assert.False(health.CanMoveFiles);
        Assert.Equal(Rejected, Assert.Single(health.Problems).Folder);

        Assert.True(health.MoveSucceeded(Rejected));
        Assert.True(health.CanMoveFiles);
        Assert.Null(health.Problem);
        Assert.Empty(health.Problems);
        Assert.Equal(TimeSpan.Zero, health.RetryIn);
    }

    [Fact]
    public void A_folder_no_file_needs_does_not_cut_short_the_wait_of_another()
    {
        // Given rejected/ that failed once, long ago, and has not been needed since (nothing was refused).
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        health.MoveFailed(Rejected, NoSpace);
        clock.Advance(TimeSpan.FromMinutes(10));

        // When the archive fails try after try.
        FailTries(health, clock, Archive, 3);

        // Then the watcher waits out the archive's wait: rejected/, due long since, does not make it reread the inbox at every scan.
        Assert.Equal(TimeSpan.FromSeconds(4), health.RetryIn);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.Zero, health.RetryIn);
    }

    [Fact]
    public void A_move_that_works_again_starts_the_folders_back_off_over_and_the_next_failure_is_said_again()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        FailTries(health, clock, Archive, 5);

        Assert.True(health.MoveSucceeded(Archive));
        Assert.False(health.MoveSucceeded(Archive));
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.True(health.MoveFailed(Archive, NoSpace));
        var problem = Assert.Single(health.Problems);
        Assert.Equal(1, problem.FailedTries);
        Assert.Equal(InboxHealth.FirstRetry, problem.Wait);
        Assert.Equal(clock.GetUtcNow(), problem.Since);
    }

    [Fact]
    public void The_wait_never_exceeds_how_long_moves_have_been_failing()
    {
        // Batches of any size fail at any moment, far more often than the watcher would try: the wait grows with
        // the time spent failing, not with the number of files, so a disk freed after a short outage is used again soon.
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        var random = new Random(7);
        for (var batch = 0; batch < 2_000; batch++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
            for (var file = random.Next(1, 50); file > 0; file--)
            {
                health.MoveFailed(Archive, NoSpace);
            }

            var problem = Assert.Single(health.Problems);
            Assert.True(problem.Wait <= clock.GetUtcNow() - problem.Since + InboxHealth.FirstRetry,
                $"after {clock.GetUtcNow() - problem.Since} of failing, the wait is {problem.Wait}");
            Assert.True(problem.Wait <= InboxHealth.LongestRetry);
        }
    }

    [Fact]
    public void Once_the_wait_has_passed_the_watcher_need_not_wait_again_before_the_next_try()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        FailTries(health, clock, Archive, 2);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, health.RetryIn);
        Assert.False(health.CanMoveFiles);
    }

    [Fact]
    public void A_folder_is_one_folder_however_it_is_spelled()
    {
        var health = new InboxHealth(new ManualClock());

        health.MoveFailed(Rejected + Path.DirectorySeparatorChar, NoSpace);
        health.MoveFailed(Path.GetDirectoryName(Path.Combine(Rejected, "bad.txt"))!, NoSpace);

        Assert.Equal(Rejected, Assert.Single(health.Problems).Folder);
        Assert.True(health.MoveSucceeded(Rejected));
    }

    [Fact]
    public async Task The_readiness_check_names_each_failing_folder_and_when_it_is_tried_again()
    {
        var clock = new ManualClock();
        var health = new InboxHealth(clock);
        FailTries(health, clock, Archive, 3);
        health.MoveSucceeded(Rejected);
        var check = new InboxHealthCheck(health);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"files cannot be moved into {Archive}: No space left on device", result.Description, StringComparison.Ordinal);
        Assert.Contains("3 failed tries", result.Description, StringComparison.Ordinal);
        Assert.Contains("tried again in 4 s", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Rejected, result.Description, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Contains("tried again at the next scan", (await check.CheckHealthAsync(new HealthCheckContext())).Description, StringComparison.Ordinal);

        health.MoveSucceeded(Archive);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    /// <summary>Tries that fail one after the other, each once the wait before it has passed.</summary>
    private static void FailTries(InboxHealth health, ManualClock clock, string folder, int tries)
    {
        for (var attempt = 0; attempt < tries; attempt++)
        {
            clock.Advance(health.Problems.FirstOrDefault(problem => problem.Folder == folder)?.NextTryAt - clock.GetUtcNow() ?? TimeSpan.Zero);
            health.MoveFailed(folder, NoSpace);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 16, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
