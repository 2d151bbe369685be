using System.Text;
using IngestWorker.Core.Extraction;
using IngestWorker.EventStore;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Faults;

public sealed class PoisonEventTests
{
    private const string Projection = "fails_on_poison";

    [Fact]
    public async Task Regression_a_projection_that_fails_on_one_event_skips_it_as_a_dead_letter_shows_it_in_status_and_goes_on()
    {
        // Given a worker with a projection that cannot apply one particular article.
        var applied = new List<string>();
        await using var worker = await StartAsync("poison", applied);

        // When three articles arrive, the second of them poison to it.
        await DropThreeAsync(worker);

        // Then the projection goes on past it, and status counts it and names its projection and error.
        var status = worker.Services.GetRequiredService<StatusQueries>();
        await Eventually.HoldsAsync(async () => (await status.GetAsync(null, CancellationToken.None)).Poison.Count == 1, "one event is skipped");
        await Eventually.HoldsAsync(() => Task.FromResult(Applied(applied).SequenceEqual(["a.txt", "c.txt"])), "the projection applied the other two");
        var poison = Assert.Single((await status.GetAsync(null, CancellationToken.None)).Poison.Latest);
        Assert.Equal(Projection, poison.Projection);
        Assert.Contains("poison", poison.Error, StringComparison.OrdinalIgnoreCase);

        // And it is Marten's dead letter of that projection, for the article's event.
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var letter = Assert.Single(await session.Query<DeadLetterEvent>().ToListAsync());
        var poisoned = await session.Events.QueryAllRawEvents().Where(e => e.Sequence == letter.EventSequence).SingleAsync();
        Assert.Equal("b.txt", ((ArticleReceived)poisoned.Data).FileName);

        // The articles model is a projection of its own, with its own pace.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 3, "the other projections list all three articles");
    }

    [Fact]
    public async Task A_replay_keeps_the_events_its_projections_cannot_apply_and_they_take_the_place_of_the_retired_models_in_status()
    {
        // Given a worker whose projection has skipped one poison article.
        await using var worker = await StartAsync("poison-replay", []);
        await DropThreeAsync(worker);
        var status = worker.Services.GetRequiredService<StatusQueries>();
        await Eventually.HoldsAsync(async () => (await status.GetAsync(null, CancellationToken.None)).Poison.Count == 1, "one event is skipped");
        var before = Assert.Single((await status.GetAsync(null, CancellationToken.None)).Poison.Latest);
        var replayer = worker.Services.GetRequiredService<Replayer>();

        // When a dry run replays the log: its shadow skips the article too, and is dropped with what it skipped.
        await replayer.ReplayAsync(LoadedRules.Default, dryRun: true, ReplayProgress.None, CancellationToken.None);
        Assert.Equal([before], (await status.GetAsync(null, CancellationToken.None)).Poison.Latest);
        Assert.Equal(1, await DeadLettersAsync(worker));

        // When the replay is applied.
        await replayer.ReplayAsync(LoadedRules.Default, dryRun: false, ReplayProgress.None, CancellationToken.None);

        // Then status shows the new model's dead letter, under the live projection's name, in place of the retired model's.
        var after = Assert.Single((await status.GetAsync(null, CancellationToken.None)).Poison.Latest);
        Assert.Equal((Projection, before.Sequence), (after.Projection, after.Sequence));
        Assert.True(after.At > before.At, "the dead letter is the replay's, not the retired model's");
        Assert.Equal(1, await DeadLettersAsync(worker));
    }

    private static async Task<RunningWorker> StartAsync(string folder, List<string> applied) =>
        await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch(folder), services: s =>
        {
            // Live through the worker's daemon, and in a replay's shadow beside the worker's own read models.
            s.ConfigureMarten(options => options.Projections.Add(new FailsOnPoison(ReadModelSchema.Live, applied), ProjectionLifecycle.Async, Projection));
            s.AddSingleton(new ReadModelSet((schema, rules) => [.. ReadModelSlices.All.For(schema, rules), new FailsOnPoison(schema, applied)]));
        });

    private static async Task DropThreeAsync(RunningWorker worker)
    {
        await worker.DropAsync("a.txt", Article("first"));
        await worker.DropAsync("b.txt", Article("POISON"));
        await worker.DropAsync("c.txt", Article("third"));
    }

    private static async Task<int> DeadLettersAsync(RunningWorker worker)
    {
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<DeadLetterEvent>().CountAsync();
    }

    private static List<string> Applied(List<string> applied)
    {
        lock (applied)
        {
            // A batch is written again without the event it skips: the rows are idempotent, so only which events count.
            return applied.Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Iraq, officials said in the {name} report.");

    /// <summary>A read-model projection that cannot read one article.</summary>
    private sealed class FailsOnPoison(string schema, List<string> applied) : ReadModelProjection(schema, new RulesCatalog())
    {
        public override string BaseName => Projection;

        public override IEnumerable<Weasel.Postgresql.Tables.Table> DeclareTables() => [];

        protected override IReadOnlyList<RowSet> Rows(IReadOnlyList<IEvent> events, ExtractionRules rules, int cores)
        {
            var received = events.Select(e => e.Data).OfType<ArticleReceived>().ToList();
            if (received.Any(r => r.Body.Contains("POISON", StringComparison.Ordinal)))
            {
                throw new InvalidDataException("this article is poison to the projection");
            }

            lock (applied)
            {
                applied.AddRange(received.Select(r => r.FileName));
            }

            return [];
        }
    }
}
