using IngestWorker.FaultHarness;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Faults;

/// <summary>The fault harness at a small size (the full size is a command: see the README's Reliability section).</summary>
public sealed class FaultHarnessTests
{
    [Fact]
    public async Task Workers_killed_at_random_PostgreSQL_killed_and_two_workers_racing_lose_nothing_and_double_nothing()
    {
        // Given a hundred and fifty files, a full database disk and a full archive disk (where the tests may mount one), two workers killed with SIGKILL while they take them, PostgreSQL killed
        // under one of them, and two workers racing for the same inbox.
        var options = new HarnessOptions(Paths.Scratch("faults"), Articles: 150, KillRounds: 2, PostgresKills: 1, Seed: 7)
        {
            SettleTimeout = TimeSpan.FromMinutes(2),
        };

        // When the run is over and one worker has settled.
        var report = await FaultRun.RunAsync(options, _ => { }, CancellationToken.None);

        // Then every file is one article, duplicate or rejection with a reason, and nothing else is in the log; the
        // hostile files among them (nested front matter, a 10 MB one-liner, a folder, a pipe) are rejections too,
        // and the files a full database or archive disk held back left the inbox once it had room.
        Assert.True(report.Holds, report.ToString());
        Assert.Equal((0, 0), (report.Lost, report.Doubled));
        Assert.Equal(1, report.PostgresKills);
        Assert.True(report.Hostile >= 4, report.ToString());
        Assert.True(!report.ArchiveDiskFull || report.ArchiveRecovery is not null, report.ToString());
        Assert.NotNull(report.DatabaseRecovery);
    }
}
