using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>
/// No event is ever left out of a read model: sequences commit out of order, and Marten's high-water
/// mark must not step over a gap whose transaction is still alive, however long it stays open. The inbox's
/// bulk insert moves that mark itself, so it waits for the append turn every writer of the log takes.
/// </summary>
public sealed class SequenceGapTests
{
    /// <summary>Longer than Marten's stale-sequence threshold (3 s by default), the point where it used to skip a gap.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task An_article_whose_transaction_stays_open_past_the_stale_threshold_still_reaches_the_read_models()
    {
        // Given a running worker that has projected one article.
        await using var worker = await StartedWorkerAsync("gap");

        // When a transaction takes the next sequence and stays open while a later append commits.
        var store = worker.Services.GetRequiredService<IDocumentStore>();
        await using var slow = await worker.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await AppendAsync(store, "held", Marten.Services.SessionOptions.ForTransaction(slowTransaction));
        await AppendAsync(store, "after", new Marten.Services.SessionOptions());
        await Task.Delay(Hold);
        Assert.DoesNotContain(await worker.ArticlesAsync(), a => a.FileName == "held.txt");
        await slowTransaction.CommitAsync();

        // Then every article reaches the read model, the held one too, and the projections catch up to the end of the log.
        await ThreeListedAndCaughtUpAsync(worker);
    }

    [Fact]
    public async Task An_append_turn_held_open_holds_the_inbox_back_and_loses_nothing()
    {
        // Given a running worker that has projected one article.
        await using var worker = await StartedWorkerAsync("turn");

        // When a writer of the log takes the append turn, appends, and stays open while another file is dropped.
        var store = worker.Services.GetRequiredService<IDocumentStore>();
        await using var slow = await worker.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await AppendTurn.TakeAsync(slow, slowTransaction, CancellationToken.None);
        await AppendAsync(store, "held", Marten.Services.SessionOptions.ForTransaction(slowTransaction));
        await worker.DropAsync("after.txt", Article("after"));
        await Task.Delay(Hold);

        // Then the dropped file waits for its turn (the inbox's bulk insert would move the high-water mark past the open append)...
        Assert.Single(await worker.ArticlesAsync());
        Assert.Contains("after.txt", worker.FilesIn(worker.Inbox.ResolvedInbox));
        await slowTransaction.CommitAsync();

        // ...and once the turn is given back, both reach the read model and the projections catch up.
        await ThreeListedAndCaughtUpAsync(worker);
    }

    private static async Task<RunningWorker> StartedWorkerAsync(string scratch)
    {
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        var worker = await RunningWorker.StartAsync(connection, Paths.Scratch(scratch));
        await worker.DropAsync("before.txt", Article("before"));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the first article is listed");
        return worker;
    }

    /// <summary>Appends an article's event through a session of its own, as a writer other than the inbox would.</summary>
    private static async Task AppendAsync(IDocumentStore store, string name, Marten.Services.SessionOptions options)
    {
        var article = Core.Articles.ArticleReader.Read($"{name}.txt", Article(name)) is Core.Articles.ArticleReadResult.Read read
            ? read.Article : throw new InvalidOperationException($"the {name} article should read");
        await using var session = store.LightweightSession(options);
        session.Events.StartStream(article.StreamId, new ArticleReceived(
            $"{name}.txt", article.Title, article.Published, article.Outlet, article.Url, article.Body, article.ContentHash, article.Body.Length));
        await session.SaveChangesAsync();
    }

    private static async Task ThreeListedAndCaughtUpAsync(RunningWorker worker)
    {
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 3, "three articles are listed");
        Assert.Contains(await worker.ArticlesAsync(), a => a.FileName == "held.txt");
        await Eventually.HoldsAsync(async () =>
            (await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None)).Projections.All(p => p.Lag == 0),
            "the projections have caught up");
    }

    private static byte[] Article(string name) =>
        Encoding.UTF8.GetBytes($"Report {name}\n\nAbout 2,500 US troops are in Iraq, officials said in the {name} report.");
}
