using IngestWorker.Bench;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Bench.Tests;

public sealed class BenchSmokeTests
{
    [Fact]
    public async Task A_tiny_bench_run_reports_every_part_with_a_value_its_raw_limit_and_target()
    {
        // Given the bench harness at tiny sizes, on fresh databases of the test PostgreSQL.
        var sizes = new BenchSizes(Events: 2_000, Batch: 1_000, Articles: 10, LatencyDrops: 2, Repetitions: 1);
        var server = new BenchServer((name, _) => TestPostgres.CreateDatabaseAsync(name), "the test PostgreSQL");
        var harness = new BenchHarness(server, sizes, Paths.Scratch("bench"), NullLogger.Instance, publishWorker: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4.5));

        // When it runs every part.
        var report = await harness.RunAsync(timeout.Token);

        // Then the report has each part's figures, every one measured, held against its raw limit where
        // there is one, and against the targets of issue 8.
        Assert.Equal(
            ["0 extract", "1 append", "2 replay", "2 replay", "2 replay", "2 replay", "3 ingest", "3 ingest", "3 ingest", "3 ingest", "4 latency", "4 latency"],
            report.Figures.Select(f => f.Part).Where(p => p != "5 worker process"));
        Assert.Equal(
            ["host built", "services made", "log schema ready", "read model ready", "host started"],
            report.Figures.Where(f => f.Name.StartsWith("Start step", StringComparison.Ordinal)).Select(f => f.Name.Split(" → ")[1].Split(" (")[0]));
        Assert.Equal(8, report.Figures.Count(f => f.Part == "5 worker process" && !f.Name.StartsWith("Start step", StringComparison.Ordinal)));
        Assert.All(report.Figures, f =>
        {
            Assert.True(f.Value > 0, $"{f.Name} has no value");
            Assert.True(f.PeakWorkingSetMb > 0, $"{f.Name} has no peak working set");
        });
        Assert.All(report.Figures.Where(f => f.Part is "1 append" or "2 replay" or "3 ingest" or "4 latency"), f =>
        {
            Assert.True(f.Limit > 0, $"{f.Name} has no raw limit");
            Assert.True(f.Ratio > 0, $"{f.Name} has no ratio");
        });
        Assert.Equal(11, report.Figures.Count(f => f.Met is not null));
        Assert.Contains("fsync=", report.Server, StringComparison.Ordinal);
        Assert.Equal(sizes, report.Sizes);
    }

    [Fact]
    public async Task Parts_asked_for_by_number_are_the_only_ones_run()
    {
        var sizes = new BenchSizes(Events: 200, Batch: 100, Articles: 10, LatencyDrops: 2, Repetitions: 1);
        var server = new BenchServer((name, _) => TestPostgres.CreateDatabaseAsync(name), "the test PostgreSQL");
        var harness = new BenchHarness(server, sizes, Paths.Scratch("bench-parts"), NullLogger.Instance, onlyParts: [0, 1]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var report = await harness.RunAsync(timeout.Token);

        Assert.Equal(["0 extract", "1 append"], report.Figures.Select(f => f.Part));
    }
}
