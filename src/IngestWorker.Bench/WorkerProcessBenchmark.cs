using System.Diagnostics;
using System.Globalization;
using IngestWorker.Projections;
using IngestWorker.Tools;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// Part 5: the worker in a process of its own, as users run it. Started twice with one article waiting
/// in the inbox — on an empty database (it creates Marten's and Wolverine's schemas) and again with the
/// schema in place, as every later start — each timed from the process start until that article is
/// archived. The second then takes <c>Articles</c> files dropped at once, and its peak resident set
/// (VmHWM) is read once they are all listed.
/// </summary>
internal static class WorkerProcessBenchmark
{
    public const string Part = "5 worker process";
    public const double TargetStartMs = 2_000;
    public const double TargetPeakMb = 150;
    private const int Seed = 6;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(Func<CancellationToken, Task<string>> freshDatabase, BenchSizes sizes,
        string workFolder, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(workFolder, "process");
        var staged = await StagedArticles.WriteAsync(Path.Combine(folder, "staging"), sizes.Articles + 2, Seed, ct);
        var connectionString = await freshDatabase(ct);
        var inbox = Path.Combine(folder, "inbox");
        var archive = Path.Combine(folder, "archive");
        Directory.CreateDirectory(inbox);
        await using var dataSource = BenchDatabase.Open(connectionString);

        TimeSpan firstStart;
        var clock = Stopwatch.StartNew();
        await using (var first = BenchProcesses.StartWorker(connectionString, inbox))
        {
            staged.Drop(staged.Names[0], inbox);
            await UntilArchivedAsync(first, archive, staged.Names[0], ct);
            firstStart = clock.Elapsed;
        }

        staged.Drop(staged.Names[1], inbox);
        clock.Restart();
        await using var worker = BenchProcesses.StartWorker(connectionString, inbox);
        await UntilArchivedAsync(worker, archive, staged.Names[1], ct);
        var start = clock.Elapsed;

        // Wolverine hands the projection agents out after the node has started: listing lags the first ingest.
        await UntilListedAsync(worker, dataSource, archive, 2, ct);
        var firstListed = clock.Elapsed;
        var idle = worker.ResidentMegabytes();

        var bulk = staged.Names.Skip(2).ToList();
        var ingest = Stopwatch.StartNew();
        staged.DropAll(bulk, inbox);
        await UntilListedAsync(worker, dataSource, archive, staged.Names.Count, ct);
        ingest.Stop();
        var peak = worker.PeakResidentMegabytes();
        Log.BenchWorkerProcess(logger, firstStart.TotalMilliseconds, start.TotalMilliseconds, firstListed.TotalMilliseconds, bulk.Count / ingest.Elapsed.TotalSeconds, peak);
        await worker.DisposeAsync();
        Directory.Delete(folder, recursive: true);

        return
        [
            new BenchFigure(Part, "Start to first ingest (process start → file archived), schema in place",
                start.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null,
                new BenchTarget(TargetKind.ValueBelow, TargetStartMs), 0),
            new BenchFigure(Part, "Start to first article listed (projection agents assigned by Wolverine), schema in place",
                firstListed.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
            new BenchFigure(Part, "Start to first ingest, first start on an empty database (creates the schemas)",
                firstStart.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
            new BenchFigure(Part, string.Create(CultureInfo.InvariantCulture, $"Ingest {bulk.Count:N0} articles dropped at once, in the worker process"),
                bulk.Count / ingest.Elapsed.TotalSeconds, "articles/s", HigherIsBetter: true, LimitName: null, Limit: null, Target: null, 0),
            new BenchFigure(Part, string.Create(CultureInfo.InvariantCulture, $"Worker's peak working set (VmHWM) through start and {bulk.Count:N0} articles"),
                peak, "MB", HigherIsBetter: false, LimitName: null, Limit: null,
                new BenchTarget(TargetKind.ValueBelow, TargetPeakMb), 0),
            new BenchFigure(Part, "Worker's working set (VmRSS) after start, before the bulk drop",
                idle, "MB", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
        ];
    }

    private static async Task UntilArchivedAsync(WorkerProcess worker, string archive, string name, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var path = Path.Combine(archive, name);
        while (!File.Exists(path))
        {
            Alive(worker, clock, TimeSpan.FromSeconds(90), $"archived {name}");
            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>Until every file is archived and the articles projection lists them all.</summary>
    private static async Task UntilListedAsync(WorkerProcess worker, NpgsqlDataSource dataSource, string archive, int expected, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(20.0 * expected);
        while (true)
        {
            if (Directory.EnumerateFiles(archive).Count() == expected)
            {
                await using var command = dataSource.CreateCommand($"select count(*) from {ReadModelSchema.Live}.articles");
                if ((long)(await command.ExecuteScalarAsync(ct))! == expected)
                {
                    return;
                }
            }

            Alive(worker, clock, limit, $"listed all {expected} articles");
            await Task.Delay(Poll, ct);
        }
    }

    private static void Alive(WorkerProcess worker, Stopwatch clock, TimeSpan limit, string what)
    {
        if (worker.HasExited)
        {
            throw new InvalidOperationException($"The worker process exited before it {what}. Its last output:{Environment.NewLine}{worker.Tail()}");
        }

        if (clock.Elapsed > limit)
        {
            throw new TimeoutException($"The worker process had not {what} after {limit.TotalSeconds:F0} s. Its last output:{Environment.NewLine}{worker.Tail()}");
        }
    }
}
