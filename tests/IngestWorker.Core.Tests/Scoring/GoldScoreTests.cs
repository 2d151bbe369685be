using IngestWorker.Core.Extraction;
using IngestWorker.Core.Scoring;

namespace IngestWorker.Core.Tests.Scoring;

/// <summary>The extractor measured against hand-annotated claims: the seeds and 24 real reports.</summary>
public sealed class GoldScoreTests
{
    [Fact]
    public async Task Every_seed_claim_is_found_with_its_kind_bound_and_date()
    {
        // Given the seeds and their gold claims
        var seeds = Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, seeds.Count);

        // When they are scored
        var report = await ScoreRun.ScoreFilesAsync(GoldSet.Load(TestPaths.SeedsGold), seeds, ExtractionRules.Default, CancellationToken.None);

        // Then nothing is missed, nothing extra, nothing wrong
        Assert.True(report.Differences.Count == 0, ScoreReportWriter.Table(report));
        Assert.Equal(1.0, report.TroopCounts.F1);
        Assert.Equal(1.0, report.BaseStatuses.F1);
    }

    [Fact]
    public async Task The_dev_set_of_real_reports_meets_the_extraction_targets()
    {
        // Given 24 real reports and their gold claims
        var articles = Directory.GetFiles(TestPaths.DevArticles).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(24, articles.Count);

        // When they are scored
        var report = await ScoreRun.ScoreFilesAsync(GoldSet.Load(TestPaths.DevGold), articles, ExtractionRules.Default, CancellationToken.None);

        // Then issue 9's targets are met, and each figure reaches its floor
        var table = ScoreReportWriter.Table(report);
        Assert.All(ScoreTargets.Of(report), target => Assert.True(target.Met, table));
        Assert.True(report.TroopCounts.F1 >= DevFloor.TroopCountsF1, table);
        Assert.True(report.BaseStatuses.F1 >= DevFloor.BaseStatusesF1, table);
        Assert.True(report.Accuracy(ClaimScorer.TroopCountsName, "asOf") >= DevFloor.AsOf, table);
    }

    /// <summary>
    /// What the dev set reaches now, above issue 9's targets (<see cref="ScoreTargets"/>): raised as the
    /// extractor improves, so a regression fails even while the targets still hold.
    /// </summary>
    private static class DevFloor
    {
        public const double TroopCountsF1 = 0.96;
        public const double BaseStatusesF1 = 0.90;
        public const double AsOf = 0.94;
    }
}
