using System.Text;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Tests.Support;
using IngestWorker.Troops;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>Rows carry the rules that read them, and a model takes only its own: two rule sets never mix in one model.</summary>
public sealed class RulesVersionGuardTests
{
    [Fact]
    public async Task After_a_replay_a_batch_read_with_the_replaced_models_rules_fails_and_Marten_sees_no_change_of_schema()
    {
        // Given a worker whose model was built with the built-in rules, then replayed with other rules.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connectionString, Paths.Scratch("rules-guard"));
        await worker.DropAsync("sahil.md", Encoding.UTF8.GetBytes(SahilDepot.Article));
        await worker.DropAsync("iraq.txt", "Iraq report\n\nAbout 2,500 US troops are in Iraq, officials said on Monday."u8.ToArray());
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 2, "both articles are listed");
        var newRules = SahilDepot.Rules();
        await worker.Services.GetRequiredService<Replayer>().ReplayAsync(newRules, dryRun: false, ReplayProgress.None, CancellationToken.None);

        // Then the tables Marten keeps are as it declares them: the guard does not depend on the rules.
        var store = worker.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(CancellationToken.None);

        // When the troop counts are read again with the old rules and written into the (emptied) table.
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var clear = database.CreateCommand($"delete from {ReadModelSchema.Live}.{TroopCountTable.TableName}"))
        {
            await clear.ExecuteNonQueryAsync();
        }

        var oldRules = LoadedRules.Default.Rules;
        await using var session = store.LightweightSession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        var read = ArticleEvent.In(events.Cast<IEvent>().ToList()).Select(a => (a, ClaimExtractor.Extract(a.Article, oldRules))).ToList();
        Assert.NotEmpty(read.SelectMany(r => r.Item2.TroopCounts));
        new TroopCountTable().Rows(ReadModelSchema.Live, oldRules.Version, read).Insert(session);

        // Then it fails on the model's rules, and the same rows stamped with the model's rules are taken.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, FindPostgres(refused)?.SqlState);
        await using var again = store.LightweightSession();
        new TroopCountTable().Rows(ReadModelSchema.Live, newRules.Rules.Version, read).Insert(again);
        await again.SaveChangesAsync();
        await using var count = database.CreateCommand($"select count(*) from {ReadModelSchema.Live}.{TroopCountTable.TableName}");
        Assert.Equal((long)read.Sum(r => r.Item2.TroopCounts.Count), (long)(await count.ExecuteScalarAsync())!);
    }

    private static PostgresException? FindPostgres(Exception? error) =>
        error switch
        {
            null => null,
            PostgresException postgres => postgres,
            _ => FindPostgres(error.InnerException),
        };
}
