using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>
/// No event is ever left out of a read model: sequences commit out of order, and Marten's high-water
/// mark must not step over a gap whose transaction is still alive, however long it stays open.
/// </summary>
public sealed class SequenceGapTests
{
    /// <summary>Longer than Marten's stale-sequence threshold (3 s by default), the point where it used to skip a gap.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task An_article_whose_transaction_stays_open_past_the_stale_threshold_still_reaches_the_read_models()
    {
        // Given a running worker that has projected one article.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("gap"));
        await worker.DropAsync("before.txt", Article("before"));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the first article is listed");

        // When a transaction takes the next sequence and stays open while a later article commits and is projected.
        var store = worker.Services.GetRequiredService<IDocumentStore>();
        var held = Core.Articles.ArticleReader.Read("held.txt", Article("held")) is Core.Articles.ArticleReadResult.Read read
            ? read.Article : throw new InvalidOperationException("the held article should read");
        await using var slow = await worker.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(slowTransaction)))
        {
            session.Events.StartStream(held.StreamId,
                new ArticleReceived("held.txt", held.Title, held.Published, held.Outlet, held.Url, held.Body, held.ContentHash, held.Body.Length));
            await session.SaveChangesAsync();
        }

        await worker.DropAsync("after.txt", Article("after"));
        await Task.Delay(Hold);
        Assert.DoesNotContain(await worker.ArticlesAsync(), a => a.FileName == "held.txt");
        await slowTransaction.CommitAsync();

        // Then every article reaches the read model, the held one too, and the projections catch up to the end of the log.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 3, "three articles are listed");
        Assert.Contains(await worker.ArticlesAsync(), a => a.FileName == "held.txt");
        await Eventually.HoldsAsync(async () =>
            (await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None)).Projections.All(p => p.Lag == 0),
            "the projections have caught up");
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Iraq, officials said in the {name} report.");
}
