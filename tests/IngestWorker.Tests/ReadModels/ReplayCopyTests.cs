using IngestWorker.EventStore;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>
/// A replay copies each range's rows into a shadow without keys, and builds the keys once every range is in: what the
/// keys held while rows were inserted one statement at a time (a row of a key already there skipped) must still hold.
/// </summary>
public sealed class ReplayCopyTests
{
    private const int Articles = 12;

    private static readonly string[] Places = ["Kuwait", "Qatar", "Bahrain", "Jordan"];

    [Fact]
    public async Task A_stream_with_two_articles_replays_to_the_model_the_live_projections_built()
    {
        // Given a worker that has projected a dozen articles, and a second article appended to the stream of the first:
        // the live projections keep the first article's troop count at ordinal 0 and add the second's at ordinal 1.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("replay-two-articles"));
        await DropArticlesAsync(worker);
        var stream = await StreamOfAsync(connection, "report-000.txt");
        await using (var session = worker.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            const string body = "About 9,900 US troops are in Kuwait, officials said on the later day.\n\nAbout 3,300 US troops are in Qatar, officials said on the later day.";
            session.Events.Append(stream, new ArticleReceived("later.txt", "A later report", null, null, null, body, "later-hash", body.Length));
            await session.SaveChangesAsync();
        }

        await WaitProjectedAsync(worker, () => TroopRowsAsync(connection, ReadModelSchema.Live, stream), 2);
        var live = await TroopRowsAsync(connection, ReadModelSchema.Live, stream);
        Assert.Equal([(0, 500), (1, 3_300)], live);
        var before = await ReplayScenario.ModelAsync(worker);

        // When the log is replayed with the same rules (its own process taking ranges from the end, so the later article's
        // range is copied in first).
        var report = await ReplayScenario.ReplayAsync(worker);

        // Then nothing changed: the first article's figure is kept at ordinal 0, and the second's figure at ordinal 1 is there.
        Assert.False(report.HasChanges, "a replay with the model's rules over a stream with two articles changes nothing");
        Assert.Equal(live, await TroopRowsAsync(connection, ReadModelSchema.Live, stream));
        Assert.Equal(before, await ReplayScenario.ModelAsync(worker));
    }

    [Fact]
    public async Task A_range_whose_worker_was_killed_after_copying_its_rows_leaves_none_behind_and_is_applied_again()
    {
        // Given a worker that has projected a dozen articles, and the model it built.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("replay-killed-range"));
        await DropArticlesAsync(worker);
        var before = await ReplayScenario.ModelAsync(worker);

        // When, as a replay starts, a worker takes its last range, copies rows into the shadow (rows that would win over
        // the range's own, had they stayed: earlier sequence, other figures) and is killed before it marks the range done.
        var report = await worker.Services.GetRequiredService<Replayer>().ReplayAsync(LoadedRules.Default, dryRun: false,
            new ReplayHooks(() => KilledMidRangeAsync(connection)), CancellationToken.None);

        // Then the range was applied again, and the model is the one the live projections built.
        Assert.False(report.HasChanges, "the killed worker's rows are not in the shadow");
        Assert.Equal(before, await ReplayScenario.ModelAsync(worker));
    }

    /// <summary>Takes the replay's last range as a worker does, writes rows into the shadow in its transaction, and kills its connection.</summary>
    private static async Task KilledMidRangeAsync(string connectionString)
    {
        await using var dying = new NpgsqlConnection(connectionString);
        await dying.OpenAsync();
        await using var transaction = await dying.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand(
            "select first_seq from ingest_replay.ranges where done_by is null order by first_seq desc limit 1 for update skip locked", dying, transaction))
        {
            Assert.NotNull(await take.ExecuteScalarAsync());
        }

        await using (var copy = new NpgsqlCommand(
            $"""
            insert into {ReadModelSchema.Shadow}.troop_counts
            select stream_id, ordinal, force, location, site, kind, count + 1000, bound, as_of, quote, title, outlet, published, received_at, known_from,
                   0, rules_version
            from {ReadModelSchema.Live}.troop_counts
            """, dying, transaction))
        {
            Assert.True(await copy.ExecuteNonQueryAsync() > 0);
        }

        var pid = dying.ProcessID;
        await using var killer = new NpgsqlConnection(connectionString);
        await killer.OpenAsync();
        await using var kill = new NpgsqlCommand("select pg_terminate_backend($1)", killer);
        kill.Parameters.Add(new NpgsqlParameter { Value = pid });
        Assert.True((bool)(await kill.ExecuteScalarAsync())!);
    }

    private static Task DropArticlesAsync(RunningWorker worker) => ReplayScenario.DropReportsAsync(worker, Articles, i =>
        $"Report {i} on the deployment\n\nAbout {500 + (i * 100)} US troops are in {Places[i % Places.Length]}, officials said in report {i}.");

    private static async Task WaitProjectedAsync(RunningWorker worker, Func<Task<List<(int, int)>>> rows, int count) =>
        await Eventually.HoldsAsync(async () =>
        {
            var status = await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Projections.All(p => p.Lag == 0) && (await rows()).Count == count;
        }, "the later article is projected");

    private static async Task<string> StreamOfAsync(string connectionString, string fileName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select stream_id from {ReadModelSchema.Live}.articles where file_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = fileName });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The troop counts of <paramref name="stream"/> in <paramref name="schema"/>, as (ordinal, count).</summary>
    private static async Task<List<(int, int)>> TroopRowsAsync(string connectionString, string schema, string stream)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select ordinal, count from {schema}.troop_counts where stream_id = $1 order by ordinal", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        var rows = new List<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
