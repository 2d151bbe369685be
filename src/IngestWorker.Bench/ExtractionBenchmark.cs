using System.Diagnostics;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Bench;

/// <summary>What one extraction benchmark measured: the median of five timed runs on one thread.</summary>
/// <param name="Articles">Articles extracted per run.</param>
/// <param name="Bytes">Total size of their bodies.</param>
/// <param name="ArticlesPerSecond">Median articles per second.</param>
/// <param name="MegabytesPerSecond">Median megabytes (10^6 bytes) of body text per second.</param>
/// <param name="TroopCounts">Troop counts read per run, so a figure of zero work cannot pass for speed.</param>
/// <param name="BaseStatuses">Base statuses read per run.</param>
public sealed record ExtractionBenchmarkResult(int Articles, long Bytes, double ArticlesPerSecond, double MegabytesPerSecond, int TroopCounts, int BaseStatuses)
{
    /// <summary>Claims read per 1,000 bytes of body text: what <see cref="ClaimDensity"/> sets.</summary>
    public double ClaimsPerKilobyte => (TroopCounts + BaseStatuses) / (Bytes / 1e3);
}

/// <summary>
/// How fast <see cref="ClaimExtractor"/> reads articles: synthetic ~5 KB articles, read once untimed,
/// a warm-up run for the JIT, then five timed runs on the calling thread; the median is reported.
/// </summary>
public static class ExtractionBenchmark
{
    public const string Part = "0 extract";
    private const int TimedRuns = 5;
    private const int Seed = 20251001;
    private const double TargetArticlesPerSecond = 2000;

    /// <summary>The bench's extraction row: articles per second on one thread, with the built-in rules.</summary>
    public static IReadOnlyList<BenchFigure> Figures(BenchSizes sizes)
    {
        var result = Run(Math.Min(sizes.Articles, 2000), sizes.Density, ExtractionRules.Default);
        return
        [
            new BenchFigure(Part, FormattableString.Invariant($"Extract claims, one thread ({result.Articles:N0} articles of ~5 KB, {result.ClaimsPerKilobyte:N1} claims per KB)"),
                result.ArticlesPerSecond, "articles/s", HigherIsBetter: true, LimitName: null, Limit: null,
                new BenchTarget(TargetKind.ValueAtLeast, TargetArticlesPerSecond), 0),
        ];
    }

    public static ExtractionBenchmarkResult Run(int articles, ClaimDensity density, ExtractionRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(articles);
        ArgumentNullException.ThrowIfNull(rules);

        var corpus = SyntheticArticles.Generate(articles, Seed, density)
            .Select(a => ArticleReader.Read(a.FileName, Encoding.UTF8.GetBytes(a.Text)))
            .OfType<ArticleReadResult.Read>()
            .Select(read => read.Article)
            .ToList();
        var bytes = corpus.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Body));

        ExtractAll(corpus, rules);
        var seconds = new List<double>();
        var (troops, bases) = (0, 0);
        for (var run = 0; run < TimedRuns; run++)
        {
            var clock = Stopwatch.StartNew();
            (troops, bases) = ExtractAll(corpus, rules);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        var median = Median.Of(seconds);
        return new ExtractionBenchmarkResult(corpus.Count, bytes, corpus.Count / median, bytes / 1e6 / median, troops, bases);
    }

    private static (int Troops, int Bases) ExtractAll(List<Article> corpus, ExtractionRules rules)
    {
        var (troops, bases) = (0, 0);
        foreach (var article in corpus)
        {
            var claims = ClaimExtractor.Extract(article, rules);
            troops += claims.TroopCounts.Count;
            bases += claims.BaseStatuses.Count;
        }

        return (troops, bases);
    }
}
