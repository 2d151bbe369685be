using IngestWorker.Bench;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Tests.Bench;

public sealed class BenchSmokeTests
{
    [Fact]
    public async Task A_tiny_bench_run_reports_every_figure_with_a_positive_value_limit_and_peak_working_set()
    {
        // Given the bench harness at tiny sizes, on fresh databases of the test PostgreSQL.
        var sizes = new BenchSizes(Events: 2_000, Streams: 200, Batch: 1_000, SingleCommits: 20, Articles: 50, LatencyDrops: 5, Repetitions: 1);
        var server = new BenchServer((name, _) => TestPostgres.CreateDatabaseAsync(name), "the test PostgreSQL");
        var harness = new BenchHarness(server, sizes, Paths.Scratch("bench"), NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        // When it runs every part.
        var report = await harness.RunAsync(timeout.Token);

        // Then the report has each part's figures, every one measured, held against its raw limit and its target.
        Assert.Equal(
            ["0 extract", "1 append", "1 append", "2 rebuild", "3 single commits", "4 ingest", "5 latency", "5 latency", "6 memory"],
            report.Figures.Select(f => f.Part));
        Assert.All(report.Figures, f =>
        {
            Assert.True(f.Value > 0, $"{f.Name} has no value");
            Assert.True(f.PeakWorkingSetMb > 0, $"{f.Name} has no peak working set");
        });
        Assert.All(report.Figures.Where(f => f.Part is not ("6 memory" or "0 extract")), f =>
        {
            Assert.True(f.Limit > 0, $"{f.Name} has no raw limit");
            Assert.True(f.Ratio > 0, $"{f.Name} has no ratio");
        });
        Assert.Equal(8, report.Figures.Count(f => f.Met is not null));
        Assert.Contains("fsync=", report.Server, StringComparison.Ordinal);
        Assert.Equal(sizes, report.Sizes);
    }
}
