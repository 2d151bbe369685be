using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using JasperFx.Events;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Faults;

public sealed class PoisonEventTests
{
    [Fact]
    public async Task Regression_a_projection_that_fails_on_one_event_parks_it_shows_it_in_status_and_goes_on()
    {
        // Given a worker with a projection that cannot apply one particular article.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var applied = new List<string>();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("poison"),
            services: s => s.ConfigureMarten(options => options.Projections.Add(new FailsOnPoison(applied), ProjectionLifecycle.Async, "fails_on_poison")));

        // When three articles arrive, the second of them poison to it.
        await worker.DropAsync("a.txt", Article("first"));
        await worker.DropAsync("b.txt", Article("POISON"));
        await worker.DropAsync("c.txt", Article("third"));

        // Then the projection goes on past it, and status names the parked event with its projection and error.
        var status = worker.Services.GetRequiredService<StatusQueries>();
        await Eventually.HoldsAsync(async () => (await status.GetAsync(null, CancellationToken.None)).Parked.Count == 1, "one event is parked");
        await Eventually.HoldsAsync(() => Task.FromResult(Applied(applied).Count == 2), "the projection applied the other two");
        var parked = Assert.Single((await status.GetAsync(null, CancellationToken.None)).Parked);
        Assert.Equal("fails_on_poison", parked.Projection);
        Assert.Contains("poison", parked.Error, StringComparison.OrdinalIgnoreCase);
        // The articles model is a projection of its own, with its own pace.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 3, "the other projections list all three articles");
    }

    private static List<string> Applied(List<string> applied)
    {
        lock (applied)
        {
            return applied.ToList();
        }
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Iraq, officials said in the {name} report.");

    /// <summary>A read-model projection of the live model that cannot read one article.</summary>
    private sealed class FailsOnPoison(List<string> applied) : ReadModelProjection(ReadModelSchema.Live, new RulesCatalog())
    {
        public override string BaseName => "fails_on_poison";

        public override IEnumerable<Weasel.Postgresql.Tables.Table> DeclareTables() => [];

        protected override void Write(IDocumentOperations operations, IReadOnlyList<IEvent> events, ExtractionRules rules)
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
        }
    }
}
