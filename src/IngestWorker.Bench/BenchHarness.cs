using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Runs every part of the bench in turn, each on fresh databases of the same server, samples the
/// process's working set during each part, and gathers the figures into one report.
/// </summary>
/// <param name="workFolder">Scratch space for the inbox parts (staging, inbox, archive); on one filesystem, so drops are renames.</param>
/// <param name="onlyParts">The numbers of the parts to run (<c>2</c> for "2 replay"); null or empty runs every part.</param>
/// <param name="publishWorker">
/// Part 5 times the worker as it ships (<see cref="PublishedWorker"/>); off, the build beside the bench (the
/// smoke test's, which checks the figures are there and has no minutes for a ReadyToRun publish).
/// </param>
public sealed class BenchHarness(
    BenchServer server, BenchSizes sizes, string workFolder, ILogger logger, IReadOnlyCollection<int>? onlyParts = null, bool publishWorker = true)
{
    private int _databases;

    private delegate Task<IReadOnlyList<BenchFigure>> PartRun(Func<CancellationToken, Task<string>> freshDatabase, CancellationToken ct);

    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        if (sizes.Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        Directory.CreateDirectory(workFolder);
        var describedServer = await DescribeServerAsync(ct);
        Log.BenchServer(logger, describedServer);
        (string Part, PartRun Run)[] parts =
        [
            (ExtractionBenchmark.Part, (_, _) => Task.FromResult(ExtractionBenchmark.Figures(sizes))),
            (AppendBenchmark.Part, (fresh, token) => WithDatabaseAsync(fresh, cs => AppendBenchmark.RunAsync(cs, sizes, logger, token), token)),
            (RebuildBenchmark.Part, (fresh, token) => WithDatabaseAsync(fresh, cs => RebuildBenchmark.RunAsync(cs, sizes, workFolder, logger, token), token)),
            (IngestBenchmark.Part, (fresh, token) => IngestBenchmark.RunAsync(fresh, sizes, workFolder, logger, token)),
            (LatencyBenchmark.Part, (fresh, token) => LatencyBenchmark.RunAsync(fresh, sizes, workFolder, logger, token)),
            (WorkerProcessBenchmark.Part, (fresh, token) => WorkerProcessBenchmark.RunAsync(fresh, sizes, workFolder, publishWorker, logger, token)),
        ];

        var figures = new List<BenchFigure>();
        foreach (var (part, run) in parts.Where(p => onlyParts is not { Count: > 0 } || onlyParts.Contains(PartNumber(p.Part))))
        {
            // Each part's peak should be its own, not the heap the parts before it left behind.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            Log.BenchPartStarted(logger, part);
            var clock = Stopwatch.StartNew();
            var peak = PartPeakMemory.Start();
            var measured = await run(token => FreshDatabaseAsync(part, token), ct);
            figures.AddRange(measured.Select(f => f with { PeakWorkingSetMb = peak.PeakMegabytes }));
            Log.BenchPartFinished(logger, part, clock.Elapsed.TotalSeconds, peak.PeakMegabytes);
        }

        return new BenchReport(DateTimeOffset.Now, DescribeMachine(), describedServer, DescribeMethod(), sizes, figures);
    }

    /// <summary>The number a part's name starts with: 2 for "2 replay".</summary>
    public static int PartNumber(string part) => int.Parse(part.Split(' ')[0], CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<BenchFigure>> WithDatabaseAsync(Func<CancellationToken, Task<string>> fresh,
        Func<string, Task<IReadOnlyList<BenchFigure>>> run, CancellationToken ct) => await run(await fresh(ct));

    private Task<string> FreshDatabaseAsync(string part, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _databases);
        var name = FormattableString.Invariant($"bench_{part.Split(' ')[1]}_{n}");
        return server.CreateDatabaseAsync(name, ct);
    }

    private async Task<string> DescribeServerAsync(CancellationToken ct)
    {
        await using var dataSource = BenchDatabase.Open(await server.CreateDatabaseAsync("bench_server", ct));
        return $"{await BenchDatabase.DescribeServerAsync(dataSource, ct)}; {server.Description}";
    }

    private static string DescribeMachine()
    {
        var memoryGib = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {memoryGib:F0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    private string DescribeMethod() => FormattableString.Invariant(
        $"median of {sizes.Repetitions} timed run(s) per side after a warm-up run of the same size; tables emptied and CHECKPOINT before each run; ")
        + "both sides of a ratio on the same server in the same run; the bench process's peak resident set during each part read from the kernel (VmHWM, reset at the part's start), the worker process's read from /proc (VmHWM)";
}
