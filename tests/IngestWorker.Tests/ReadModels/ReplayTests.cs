using System.Text;
using IngestWorker.Articles;
using IngestWorker.Bases;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using IngestWorker.Troops;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

public sealed class ReplayTests
{
    [Fact]
    public async Task A_new_base_in_the_rules_appears_after_replay_the_diff_names_it_and_a_dry_run_first_changes_nothing()
    {
        // Given a worker on the built-in rules that has ingested an article about a base those rules do not know.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("replay"));
        await worker.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
        await WaitProjectedAsync(worker, articles: 1);
        var bases = worker.Services.GetRequiredService<BaseQueries>();
        Assert.DoesNotContain(await bases.BasesAsync(null, null, CancellationToken.None), b => b.Base == "Sahil Logistics Depot");
        var before = await StatusAsync(worker);

        // When the rules gain the base and a dry run is asked for.
        var rules = SahilDepot.Rules();
        var replayer = worker.Services.GetRequiredService<Replayer>();
        var dryRun = await replayer.ReplayAsync(rules, dryRun: true, ReplayProgress.None, CancellationToken.None);

        // Then the dry run names the base, and nothing changed.
        var added = Assert.Single(dryRun.BaseStatuses);
        Assert.Equal((ClaimChange.Added, "Sahil Logistics Depot"), (added.Change, added.Subject));
        Assert.Equal((before.ModelRulesVersion, rules.Rules.Version), (dryRun.OldRulesVersion, dryRun.NewRulesVersion));
        Assert.False(dryRun.Applied);
        Assert.DoesNotContain(await bases.BasesAsync(null, null, CancellationToken.None), b => b.Base == "Sahil Logistics Depot");
        Assert.Equal(before.ModelRulesVersion, (await StatusAsync(worker)).ModelRulesVersion);

        // When the replay is applied.
        var applied = await replayer.ReplayAsync(rules, dryRun: false, ReplayProgress.None, CancellationToken.None);

        // Then the diff is the same, the base is there, and status shows the new rules.
        Assert.Equal(dryRun.BaseStatuses, applied.BaseStatuses);
        Assert.Equal(dryRun.TroopCounts, applied.TroopCounts);
        var sahil = Assert.Single(await bases.BasesAsync("Sahil", null, CancellationToken.None));
        Assert.Equal(SiteStatus.WithdrawalStarted, sahil.Status);
        var after = await StatusAsync(worker);
        Assert.Equal(rules.Rules.Version, after.ModelRulesVersion);
        Assert.Equal(rules.Rules.Version, after.LatestRulesVersion);

        // And the running worker keeps projecting new articles with the model's new rules.
        await worker.DropAsync("sahil-again.md", Encoding.UTF8.GetBytes(SahilDepot.Article.Replace("2026-03-02", "2026-03-09", StringComparison.Ordinal).Replace("Monday", "Friday", StringComparison.Ordinal)));
        await WaitProjectedAsync(worker, articles: 2);
        Assert.Equal(2, (await bases.BasesAsync("Sahil", null, CancellationToken.None)).Single().Statements.Count);
    }

    [Fact]
    public async Task A_replay_killed_midway_leaves_the_live_models_as_they_were_and_a_second_replay_succeeds()
    {
        // Given the seeds projected with the built-in rules.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("killed"));
        await worker.DropSeedsAsync();
        await WaitProjectedAsync(worker, articles: 5);
        var troops = worker.Services.GetRequiredService<TroopQueries>();
        var troopsBefore = await troops.TroopsAsync(null, null, null, CancellationToken.None);
        var statusBefore = await StatusAsync(worker);

        // When a replay with other rules is killed once its first projection has been rebuilt.
        var replayer = worker.Services.GetRequiredService<Replayer>();
        using var kill = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            replayer.ReplayAsync(SahilDepot.Rules(), dryRun: false, new KillAfter(1, kill), kill.Token));

        // Then the live models are as they were.
        Assert.Equal(troopsBefore, await troops.TroopsAsync(null, null, null, CancellationToken.None));
        Assert.Equal(statusBefore.ModelRulesVersion, (await StatusAsync(worker)).ModelRulesVersion);

        // And a second replay succeeds.
        var report = await replayer.ReplayAsync(SahilDepot.Rules(), dryRun: false, ReplayProgress.None, CancellationToken.None);
        Assert.True(report.Applied);
        Assert.Equal(SahilDepot.Rules().Rules.Version, (await StatusAsync(worker)).ModelRulesVersion);
        Assert.Equal(troopsBefore.Count, (await troops.TroopsAsync(null, null, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Regression_a_replay_killed_while_it_swaps_leaves_status_naming_only_rules_a_model_was_built_with()
    {
        // Given an article projected with the built-in rules, and a reader holding the live articles table.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("killed-swap"));
        await worker.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
        await WaitProjectedAsync(worker, articles: 1);
        var before = await StatusAsync(worker);
        await using var database = NpgsqlDataSource.Create(connection);
        await using var reader = await database.OpenConnectionAsync();
        await using var holding = await reader.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"lock table {ReadModelSchema.Live}.articles in share mode", reader, holding))
        {
            await hold.ExecuteNonQueryAsync();
        }

        // When a replay with other rules is killed while its swap waits for that table.
        using var kill = new CancellationTokenSource();
        var replay = worker.Services.GetRequiredService<Replayer>().ReplayAsync(SahilDepot.Rules(), dryRun: false, ReplayProgress.None, kill.Token);
        await Eventually.HoldsAsync(async () => replay.IsCompleted || await SwapWaitsAsync(database), "the replay's swap waits for the live tables");
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replay);
        await holding.RollbackAsync();

        // Then status names the model's rules both as the model's and as the newest applied.
        var after = await StatusAsync(worker);
        Assert.Equal(before.ModelRulesVersion, after.ModelRulesVersion);
        Assert.Equal(before.ModelRulesVersion, after.LatestRulesVersion);
    }

    private static async Task<bool> SwapWaitsAsync(NpgsqlDataSource database)
    {
        await using var waiting = database.CreateCommand("select count(*) from pg_locks where not granted and locktype = 'relation'");
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }

    [Fact]
    public async Task A_worker_started_with_other_rules_says_so_and_replays()
    {
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var folder = Paths.Scratch("restart-rules");
        await using (var first = await RunningWorker.StartAsync(connection, folder))
        {
            await first.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
            await WaitProjectedAsync(first, articles: 1);
        }

        var rules = SahilDepot.Rules();
        await using var second = await RunningWorker.StartAsync(connection, folder, rules);

        // The replay runs as a Wolverine command once the worker is up; the old model serves meanwhile.
        await Eventually.HoldsAsync(async () => (await StatusAsync(second)).ModelRulesVersion == rules.Rules.Version, "the worker's rules are live");
        Assert.Single(await second.Services.GetRequiredService<BaseQueries>().BasesAsync("Sahil", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_worker_with_another_extractor_than_its_model_replays_on_start()
    {
        // Given a model built by the worker, then stamped as read by an older extractor (as a deploy of new extractor code finds it).
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var folder = Paths.Scratch("restart-extractor");
        await using (var first = await RunningWorker.StartAsync(connection, folder))
        {
            await first.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
            await WaitProjectedAsync(first, articles: 1);
            Assert.Equal(ExtractorVersion.Current, (await StatusAsync(first)).ModelExtractorVersion);
        }

        await using (var database = NpgsqlDataSource.Create(connection))
        await using (var stamp = database.CreateCommand($"update {ReadModelSchema.Live}.model_info set extractor_version = 'older', built_at = now() - interval '1 day'"))
        {
            await stamp.ExecuteNonQueryAsync();
        }

        // When a worker starts with the same rules.
        await using var second = await RunningWorker.StartAsync(connection, folder);

        // Then it replays: the model is rebuilt and stamped with the worker's extractor, and the claims are there.
        await Eventually.HoldsAsync(async () => (await StatusAsync(second)).ModelExtractorVersion == ExtractorVersion.Current, "the model is rebuilt by this extractor");
        Assert.Single(await second.Services.GetRequiredService<ArticleQueries>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_model_swapped_in_by_a_replay_has_every_index_and_rules_reference_its_tables_declare()
    {
        // Given a worker with one article, whose shadow model is loaded without its secondary indexes and references.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("replay-keys"));
        await worker.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
        await WaitProjectedAsync(worker, articles: 1);

        // When the log is replayed and swapped in.
        await ReplayScenario.ReplayAsync(worker);

        // Then the live model has the indexes and references its declarations name, built once the ranges were loaded.
        var tables = ReadModelSchema.Tables(ReadModelSchema.Live, worker.Services.GetRequiredService<ReadModelSet>().For(ReadModelSchema.Live, new RulesCatalog()));
        var declared = tables.SelectMany(t => t.Indexes.Select(i => i.Name).Concat(t.ForeignKeys.Select(k => k.Name))).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(declared, name => name.EndsWith("_rules_version_fkey", StringComparison.Ordinal));
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(
            """
            select indexname from pg_indexes where schemaname = $1 and indexname not like '%\_pkey'
            union all
            select c.conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = $1 and c.contype = 'f'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ReadModelSchema.Live });
        var present = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        Assert.Equal(declared, present.Order(StringComparer.Ordinal).ToList());
    }

    private static Task<StatusReport> StatusAsync(RunningWorker worker) =>
        worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);

    private static Task WaitProjectedAsync(RunningWorker worker, int articles) =>
        Eventually.HoldsAsync(async () =>
        {
            var status = await StatusAsync(worker);
            return status.Articles == articles && status.Projections.All(p => p.Lag == 0);
        }, $"{articles} articles are projected");

    /// <summary>Stands for a replay process killed part way: cancels after some batches.</summary>
    private sealed class KillAfter(int batches, CancellationTokenSource kill) : ReplayProgress
    {
        private int _seen;

        public override void Started(IReadOnlyList<string> projections, long totalEvents)
        {
        }

        public override void Advanced(string projection, int events)
        {
            if (++_seen == batches)
            {
                kill.Cancel();
            }
        }

        public override void Finished() => Assert.Fail("the killed replay should not finish");
    }
}
