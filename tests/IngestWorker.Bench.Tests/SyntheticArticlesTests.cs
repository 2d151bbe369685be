using IngestWorker.Bench;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Bench.Tests;

public sealed class SyntheticArticlesTests
{
    [Fact]
    public void Reporting_articles_carry_about_as_many_claims_per_kilobyte_as_real_reports_and_dense_ones_about_three_times_that()
    {
        // Given the two densities of the same 200 articles, read by the extractor with the default rules.
        var reporting = ExtractionBenchmark.Run(200, ClaimDensity.Reporting, ExtractionRules.Default);
        var dense = ExtractionBenchmark.Run(200, ClaimDensity.Dense, ExtractionRules.Default);

        // Then reporting is near the ~2 claims per KB the extractor reads in the development set and the seeds,
        // and dense is the worst case the bench keeps for comparison.
        Assert.InRange(reporting.ClaimsPerKilobyte, 1.6, 2.4);
        Assert.InRange(dense.ClaimsPerKilobyte / reporting.ClaimsPerKilobyte, 2.5, 3.5);
    }
}
