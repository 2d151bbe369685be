using IngestWorker.Bench;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Bench.Tests;

public sealed class LoadBenchmarkTests
{
    [Fact]
    public async Task A_tiny_load_run_reports_every_figure_for_every_route()
    {
        // Given the load part at a tiny size: as many clients as routes, so each route is asked at least once.
        var sizes = new LoadSizes(Articles: 20, Clients: LoadBenchmark.Routes.Count, Seconds: 4);
        var server = new BenchServer((name, _) => TestPostgres.CreateDatabaseAsync(name), "the test PostgreSQL");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        // When it runs.
        var report = await LoadBenchmark.RunAsync(server, sizes, Paths.Scratch("load"), NullLogger.Instance, timeout.Token);

        // Then it reports throughput, latencies, errors and the worker's memory, then each route's p99.
        Assert.Equal(9 + LoadBenchmark.Routes.Count, report.Figures.Count);
        Assert.All(report.Figures, f => Assert.Equal(LoadBenchmark.Part, f.Part));
        Assert.All(report.Figures.Where(f => f.Unit != "errors"), f => Assert.True(f.Value > 0, $"{f.Name} has no value"));
        Assert.Equal(0, Assert.Single(report.Figures, f => f.Unit == "errors").Value);
        Assert.All(LoadBenchmark.Routes, route => Assert.Single(report.Figures, f => f.Name.Contains($"GET {route} (", StringComparison.Ordinal)));
        Assert.Equal(3, report.Figures.Count(f => f.Met is not null));
        Assert.Contains("fsync=", report.Server, StringComparison.Ordinal);
        Assert.Matches(@"^\d+(\.\d+)? ", report.LoadAverage);
        Assert.Equal(sizes, report.Sizes);
    }
}
