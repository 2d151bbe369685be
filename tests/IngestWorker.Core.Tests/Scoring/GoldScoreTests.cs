using IngestWorker.Core.Extraction;
using IngestWorker.Core.Scoring;

namespace IngestWorker.Core.Tests.Scoring;

/// <summary>The extractor measured against hand-annotated claims: the seeds and 54 real reports.</summary>
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
    public async Task The_dev_set_of_real_reports_keeps_its_floor()
    {
        // Given 54 real reports and their gold claims
        var articles = Directory.GetFiles(TestPaths.DevArticles).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(54, articles.Count);

        // When they are scored
        var report = await ScoreRun.ScoreFilesAsync(GoldSet.Load(TestPaths.DevGold), articles, ExtractionRules.Default, CancellationToken.None);

        // Then each figure reaches its floor
        var table = ScoreReportWriter.Table(report);
        Assert.True(report.TroopCounts.F1 >= DevFloor.TroopCountsF1, table);
        Assert.True(report.BaseStatuses.F1 >= DevFloor.BaseStatusesF1, table);
        Assert.True(report.Accuracy(ClaimScorer.TroopCountsName, "asOf") >= DevFloor.AsOf, table);
    }

    /// <summary>
    /// What the 54 reports of the dev set reach now (issue 17 raised the set from 24): raised as the extractor
    /// improves, so a regression fails; the targets (<see cref="ScoreTargets"/>) are asserted once met.
    /// </summary>
    private static class DevFloor
    {
        public const double TroopCountsF1 = 0.84;
        public const double BaseStatusesF1 = 0.81;
        public const double AsOf = 0.83;
    }
}
