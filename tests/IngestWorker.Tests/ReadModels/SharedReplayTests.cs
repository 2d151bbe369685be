using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Tests.Support;
using IngestWorker.Tools;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>A replay split into ranges that every worker on the database applies (Wolverine's PostgreSQL queue).</summary>
public sealed class SharedReplayTests
{
    private const int Articles = 240;

    private static readonly string[] Places = ["Kuwait", "Qatar", "Bahrain", "Jordan", "Iraq", "Syria"];

    [Fact]
    public async Task Two_workers_replaying_together_build_the_same_read_model_as_one()
    {
        // Given a worker that has projected 240 articles, and the model one replay by that worker alone builds.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var first = await RunningWorker.StartAsync(connection, Paths.Scratch("shared-replay-first"));
        await DropArticlesAsync(first);
        var alone = await ReplayScenario.ReplayAsync(first);
        var modelAlone = await ReplayScenario.ModelAsync(first);
        Assert.Equal(1, alone.Workers);
        Assert.False(alone.HasChanges, "a replay with the rules of a model the live projections built changes nothing");

        // When a second worker joins the database and the log is replayed again, the replay's own process taking
        // ranges once the second worker has done one (its messages published, its own cores held back until then).
        await using var second = await RunningWorker.StartAsync(connection, Paths.Scratch("shared-replay-second"));
        var mine = first.Services.GetRequiredService<ReplayRangeWork>().Worker;
        var doneByMine = 0L;
        var together = await first.Services.GetRequiredService<Replayer>().ReplayAsync(LoadedRules.Default, dryRun: false,
            new ReplayHooks(() => HoldingLastRangesAsync(connection, () => UntilAsync(() => RangesDoneByOthersAsync(connection, mine), "the second worker does a range")),
                async () => doneByMine = await RangesDoneByAsync(connection, mine)), CancellationToken.None);

        // Then both workers applied ranges, and the model is the one the worker alone built.
        Assert.Equal(2, together.Workers);
        Assert.True(doneByMine > 0, "the replay's own process applied ranges beside the second worker");
        Assert.Equal(modelAlone, await ReplayScenario.ModelAsync(first));
        Assert.Equal(alone.EventsReplayed, together.EventsReplayed);

        // And with the replay's own process held to one range at a time (--replay-cores 1) the model is the same again.
        first.Services.GetRequiredService<ProjectionOptions>().ReplayCores = 1;
        var oneAtATime = await ReplayScenario.ReplayAsync(first);
        Assert.Equal(modelAlone, await ReplayScenario.ModelAsync(first));
        Assert.Equal(alone.EventsReplayed, oneAtATime.EventsReplayed);
    }

    [Fact]
    public async Task A_worker_killed_mid_replay_leaves_its_ranges_to_the_other_and_the_model_is_complete()
    {
        // Given a worker that has projected 240 articles, and the model a replay by that worker alone builds.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var first = await RunningWorker.StartAsync(connection, Paths.Scratch("killed-replay-first"));
        await DropArticlesAsync(first);
        var replayer = first.Services.GetRequiredService<Replayer>();
        await replayer.ReplayAsync(LoadedRules.Default, dryRun: false, ReplayProgress.None, CancellationToken.None);
        var modelAlone = await ReplayScenario.ModelAsync(first);

        // And a second worker, in a process of its own, on the same database.
        var folder = Paths.Scratch("killed-replay-second");
        Directory.CreateDirectory(Path.Combine(folder, "inbox"));
        await using var second = WorkerProcess.Start(
            ["run", "--db", connection, "--inbox", Path.Combine(folder, "inbox"), "--urls", WorkerProcess.FreeLoopbackAddress().ToString()], workingDirectory: folder);
        await Eventually.HoldsAsync(async () => second.HasExited || await NodesAsync(connection) == 2, "the second worker joins", TimeSpan.FromMinutes(2));
        Assert.False(second.HasExited, second.Tail());

        // When a replay runs and the second worker is killed once it has done a range (the replay's own process holding
        // its cores back until then), while it holds the ranges of the next messages it took.
        var mine = first.Services.GetRequiredService<ReplayRangeWork>().Worker;
        var report = await replayer.ReplayAsync(LoadedRules.Default, dryRun: false, new ReplayHooks(() => HoldingLastRangesAsync(connection, async () =>
        {
            await UntilAsync(() => RangesDoneByOthersAsync(connection, mine), "the second worker does a range");
            await second.KillAsync();
        })), CancellationToken.None);

        // Then the replay ends with the whole model, the same as the one worker alone built.
        Assert.Equal(2, report.Workers);
        Assert.Equal(modelAlone, await ReplayScenario.ModelAsync(first));
    }

    [Fact]
    public async Task Regression_a_replay_leaves_none_of_its_invitations_in_the_queue_for_a_worker_that_joins_later()
    {
        // Given a worker alone on its database, whose replay invites any other worker to take ranges.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("shared-replay-invitations"));
        await DropArticlesAsync(worker);

        // When it replays the log, taking every range itself.
        var report = await ReplayScenario.ReplayAsync(worker);

        // Then no invitation to a range of that replay is left for a worker that joins later to wade through first.
        Assert.Equal(1, report.Workers);
        Assert.Equal(0, await ScalarAsync(connection, $"select count(*) from ingest_wolverine.wolverine_queue_{ReplayRangeQueue.Name}", null));
    }

    private static Task DropArticlesAsync(RunningWorker worker) => ReplayScenario.DropReportsAsync(worker, Articles, i =>
        $"Report {i} on the deployment\n\nAbout {500 + (i * 37)} US troops are in {Places[i % Places.Length]}, officials said in report {i} on day {i}.");

    private static async Task<long> NodesAsync(string connectionString) =>
        await ScalarAsync(connectionString, "select count(*) from ingest_wolverine.wolverine_nodes", null);

    private static async Task<long> RangesDoneByOthersAsync(string connectionString, string worker) =>
        await ScalarAsync(connectionString, $"select count(*) from {ReplayPlanTable} where done_by <> $1", worker);

    private static async Task<long> RangesDoneByAsync(string connectionString, string worker) =>
        await ScalarAsync(connectionString, $"select count(*) from {ReplayPlanTable} where done_by = $1", worker);

    /// <summary>
    /// Runs <paramref name="meanwhile"/> while the replay's last four ranges are locked by the test, so nobody can take
    /// them: ranges of 240 articles are small, and a second worker could otherwise do every one before the replay's own
    /// process joins (the regression: a kill "mid-replay" that came after the last range, and a count of one worker).
    /// </summary>
    private static async Task HoldingLastRangesAsync(string connectionString, Func<Task> meanwhile)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(
            $"select first_seq from {ReplayPlanTable} where first_seq in (select first_seq from {ReplayPlanTable} order by first_seq desc limit 4) for update",
            connection, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }

        await meanwhile();
        await transaction.RollbackAsync();
    }

    private static async Task UntilAsync(Func<Task<long>> count, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await count() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private const string ReplayPlanTable = "ingest_replay.ranges";

    private static async Task<long> ScalarAsync(string connectionString, string sql, string? argument)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (argument is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
