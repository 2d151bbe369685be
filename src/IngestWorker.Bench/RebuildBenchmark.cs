using System.Globalization;
using System.Text;
using System.Text.Json;
using IngestWorker.Core.Articles;
using IngestWorker.EventStore;
using IngestWorker.Core.Extraction;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Replay;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// Part 2: a replay as a user runs it after a rule change — the <see cref="Replayer"/> rebuilds the
/// articles and claims projections into the shadow schema range by range on every core, diffs them
/// against the live model and swaps them in — over a log of synthetic articles, against one ordered read
/// of the same events that deserialises each article and runs the extractor on it on every core, writing nothing.
/// </summary>
internal static class RebuildBenchmark
{
    public const string Part = "2 replay";
    public const double TargetArticlesPerSecond = 2_000;
    private const int Seed = 2;
    private const int AppendBatch = 1_000;
    private const int RawChunk = 100;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string connectionString, BenchSizes sizes, ILogger logger, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddIngestCore(connectionString, LoadedRules.Default);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseStartup>().EnsureReadyAsync(ct);
        var articles = await AppendArticlesAsync(provider.GetRequiredService<IDocumentStore>(), sizes.Articles, ct);

        var replayer = provider.GetRequiredService<Replayer>();
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        var clock = new RateClock(Part, logger);

        async Task Replay()
        {
            var phases = new ReplayPhases();
            await replayer.ReplayAsync(LoadedRules.Default, dryRun: false, phases, ct);
            Log.BenchReplayPhases(logger, phases.Describe());
            await ExpectAsync(dataSource, articles, ct);
        }

        // The warm-up replays the whole log once: it also builds the live model that later replays diff against.
        await clock.RateAsync("Replayer", "warm-up", articles, () => BenchDatabase.CheckpointAsync(dataSource, ct), Replay);
        var runs = new List<(double Replay, double Read)>();
        for (var i = 1; i <= sizes.Repetitions; i++)
        {
            var label = i.ToString(CultureInfo.InvariantCulture);
            runs.Add((
                await clock.RateAsync("Replayer", label, articles, () => BenchDatabase.CheckpointAsync(dataSource, ct), Replay),
                await clock.RateAsync("read + extract", label, articles, () => BenchDatabase.CheckpointAsync(dataSource, ct),
                    () => ReadAndExtractAsync(dataSource, articles, ct))));
        }

        return
        [
            new BenchFigure(Part, string.Create(CultureInfo.InvariantCulture,
                    $"Replay {articles:N0} articles: ranges applied on every core, diff, swap"),
                Median.Of(runs.Select(r => r.Replay).ToList()), "articles/s", HigherIsBetter: true,
                "ordered read + JSON deserialise + ClaimExtractor on every core, no writes", Median.Of(runs.Select(r => r.Read).ToList()),
                new BenchTarget(TargetKind.ValueAtLeast, TargetArticlesPerSecond), 0),
        ];
    }

    /// <summary>The articles as the inbox appends them: one stream each, started with its ArticleReceived.</summary>
    private static async Task<int> AppendArticlesAsync(IDocumentStore store, int count, CancellationToken ct)
    {
        var appended = 0;
        foreach (var chunk in SyntheticArticles.Generate(count, Seed).Chunk(AppendBatch))
        {
            await using var session = store.LightweightSession();
            foreach (var (fileName, text) in chunk)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (ArticleReader.Read(fileName, bytes, ct) is ArticleReadResult.Read { Article: var a })
                {
                    session.Events.StartStream(a.StreamId,
                        new ArticleReceived(fileName, a.Title, a.Published, a.Outlet, a.Url, a.Body, a.ContentHash, bytes.Length));
                    appended++;
                }
            }

            await session.SaveChangesAsync(ct);
        }

        return appended;
    }

    /// <summary>
    /// The raw limit: the article events in sequence order in one query, each deserialised and read by the
    /// extractor on every core (chunks of <see cref="RawChunk"/> handed to the thread pool as they are read, so
    /// reading overlaps extraction), writing nothing.
    /// </summary>
    private static async Task ReadAndExtractAsync(NpgsqlDataSource dataSource, int articles, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select data::text from {LogStore.Schema}.mt_events where type = $1 order by seq_id");
        command.Parameters.Add(new NpgsqlParameter { Value = EventCatalogue.ArticleReceivedName });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var read = 0;
        var chunks = new List<Task<int>>();
        var chunk = new List<string>(RawChunk);
        while (await reader.ReadAsync(ct))
        {
            chunk.Add(reader.GetString(0));
            read++;
            if (chunk.Count == RawChunk)
            {
                chunks.Add(ExtractAsync(chunk));
                chunk = new List<string>(RawChunk);
            }
        }

        chunks.Add(ExtractAsync(chunk));
        var claims = (await Task.WhenAll(chunks)).Sum();
        if (read != articles || claims == 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The raw read found {read} articles ({claims} claims), not {articles}."));
        }

        static Task<int> ExtractAsync(List<string> events) => Task.Run(() => events.Sum(json =>
        {
            var e = JsonSerializer.Deserialize<ArticleReceived>(json, AppendLoad.Json)!;
            var found = ClaimExtractor.Extract(new Article(e.Title, e.Published, e.Outlet, e.Url, e.Body, e.ContentHash), ExtractionRules.Default);
            return found.TroopCounts.Count + found.BaseStatuses.Count;
        }));
    }

    /// <summary>A replay that skipped an event would be fast and wrong: the live model must list every article.</summary>
    private static async Task ExpectAsync(NpgsqlDataSource dataSource, int articles, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {ReadModelSchema.Live}.articles");
        var listed = (long)(await command.ExecuteScalarAsync(ct))!;
        if (listed != articles)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The replayed model lists {listed} articles, not {articles}."));
        }
    }
}
