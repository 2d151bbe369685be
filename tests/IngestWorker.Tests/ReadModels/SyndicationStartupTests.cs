using IngestWorker.Articles;
using IngestWorker.Copies;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>The syndication index is read from the log as the worker starts, not at the first question.</summary>
public sealed class SyndicationStartupTests(SeededLog seeded) : IClassFixture<SeededLog>
{
    [Fact]
    public async Task A_restarted_worker_indexes_the_articles_before_any_question()
    {
        // Given a log of the five seeds, written by a worker now stopped
        // When a new worker starts on it and nobody asks anything
        await using var worker = await RunningWorker.StartAsync(seeded.ConnectionString, Paths.Scratch("synd-start"));
        var reports = worker.Services.GetRequiredService<CopyIndex>();

        // Then its index holds the five, and the copy among them is known
        await Eventually.HoldsAsync(() => Task.FromResult(reports.Indexed == 5), "the index holds the five seeds");
        var copy = Assert.Single(await reports.CopiesAsync(CancellationToken.None));
        Assert.Equal(seeded.StreamIdOf("001_"), copy.Key);
        Assert.Equal(seeded.StreamIdOf("003_"), copy.Value);
    }

    [Fact]
    public async Task Questions_asked_while_the_index_is_built_at_start_get_the_whole_answer()
    {
        // Given a log of the five seeds
        // When questions come the moment the worker has started, while it reads the log into the index
        await using var worker = await RunningWorker.StartAsync(seeded.ConnectionString, Paths.Scratch("synd-race"));
        var reports = worker.Services.GetRequiredService<CopyIndex>();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => reports.CopiesAsync(CancellationToken.None))));

        // Then every one of them names the copy, and the index holds each article once
        Assert.All(answers, copies => Assert.Equal(seeded.StreamIdOf("003_"), Assert.Single(copies).Value));
        Assert.Equal(5, reports.Indexed);
    }
}

/// <summary>A database whose log holds the five seeds, ingested by a worker that is then stopped.</summary>
public sealed class SeededLog : IAsyncLifetime
{
    private IReadOnlyList<ArticleSummary> _articles = [];

    public string ConnectionString { get; private set; } = string.Empty;

    public string StreamIdOf(string fileNamePrefix) =>
        _articles.Single(a => a.FileName.StartsWith(fileNamePrefix, StringComparison.Ordinal)).StreamId;

    public async Task InitializeAsync()
    {
        ConnectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using var writer = await RunningWorker.StartAsync(ConnectionString, Paths.Scratch("synd-seed"));
        await writer.DropSeedsAsync();
        await Eventually.HoldsAsync(async () =>
        {
            var status = await writer.Services.GetRequiredService<Status.StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Articles == 5 && status.Projections.All(p => p.Lag == 0);
        }, "the five seeds are projected");
        _articles = await writer.ArticlesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
