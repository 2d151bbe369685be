using System.Diagnostics;
using System.Globalization;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Tools;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// Part 5: the worker in a process of its own, as users run it. Started twice with one article waiting
/// in the inbox — on an empty database (it creates Marten's and Wolverine's schemas), then with the schema
/// in place as a worker sharing the database and as one alone on it (<c>--solo</c>) — each timed from the
/// process start until that article is archived and listed. The last then takes <c>Articles</c> files
/// dropped at once, and its peak resident set (VmHWM) is read once they are all listed. Every start runs
/// the worker as it ships (<see cref="PublishedWorker"/>), published first into the part's folder.
/// </summary>
internal static class WorkerProcessBenchmark
{
    public const string Part = "5 worker process";
    public const double TargetStartMs = 2_000;
    public const double TargetPeakMb = 200;
    private const int Seed = 6;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <param name="publish">Whether to time the published worker (see <see cref="PublishedWorker"/>) or the build beside the bench.</param>
    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(Func<CancellationToken, Task<string>> freshDatabase, BenchSizes sizes,
        string workFolder, bool publish, ILogger logger, CancellationToken ct)
    {
        var folder = Path.Combine(workFolder, "process");
        var workerDll = publish ? await PublishedWorker.PublishAsync(Path.Combine(folder, "published"), ct) : WorkerProcess.BesideThisProgram;
        var staged = await StagedArticles.WriteAsync(Path.Combine(folder, "staging"), sizes.Articles + 3, Seed, sizes.Density, ct);
        var connectionString = await freshDatabase(ct);
        var inbox = Path.Combine(folder, "inbox");
        var archive = Path.Combine(folder, "archive");
        Directory.CreateDirectory(inbox);
        await using var dataSource = BenchDatabase.Open(connectionString);

        TimeSpan firstStart;
        var clock = Stopwatch.StartNew();
        await using (var first = BenchProcesses.StartWorker(connectionString, inbox, workerDll: workerDll))
        {
            staged.Drop(staged.Names[0], inbox);
            await UntilArchivedAsync(first, archive, staged.Names[0], ct);
            firstStart = clock.Elapsed;
        }

        // Sharing the database, a worker lists nothing until Wolverine's leader has assigned it the projections.
        var shared = await StartTimedAsync(workerDll, connectionString, inbox, archive, dataSource, staged, 1, solo: false, ct);
        await shared.Worker.DisposeAsync();

        // Alone on it (--solo, as on the embedded server), it runs them from its start; it then takes the bulk drop.
        var alone = await StartTimedAsync(workerDll, connectionString, inbox, archive, dataSource, staged, 2, solo: true, ct);
        await using var worker = alone.Worker;
        var (start, firstListed, steps) = (alone.Archived, alone.Listed, alone.Steps);
        var idle = worker.ResidentMegabytes();

        var bulk = staged.Names.Skip(3).ToList();
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
            new BenchFigure(Part, "Start to first article listed, alone on the database (--solo), schema in place",
                firstListed.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null,
                new BenchTarget(TargetKind.ValueBelow, TargetStartMs), 0),
            new BenchFigure(Part, "Start to first ingest (process start → file archived), alone (--solo), schema in place",
                start.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
            .. steps.Select(step => new BenchFigure(Part, $"Start step, alone (--solo): process start → {step.Step} (the worker's own log)",
                step.AtMs, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0)),
            new BenchFigure(Part, "Start to first article listed, sharing the database (Wolverine's leader assigns the projections), schema in place",
                shared.Listed.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
            new BenchFigure(Part, "Start to first ingest, sharing the database, schema in place",
                shared.Archived.TotalMilliseconds, "ms", HigherIsBetter: false, LimitName: null, Limit: null, Target: null, 0),
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

    /// <summary>Drops the staged article <paramref name="index"/>, starts a worker and times it until that article is archived and listed.</summary>
    private static async Task<TimedStart> StartTimedAsync(string workerDll, string connectionString, string inbox, string archive, NpgsqlDataSource dataSource,
        StagedArticles staged, int index, bool solo, CancellationToken ct)
    {
        staged.Drop(staged.Names[index], inbox);
        var clock = Stopwatch.StartNew();
        var worker = BenchProcesses.StartWorker(connectionString, inbox, solo: solo, workerDll: workerDll);
        try
        {
            await UntilArchivedAsync(worker, archive, staged.Names[index], ct);
            var archived = clock.Elapsed;
            await UntilListedAsync(worker, dataSource, archive, index + 1, ct);
            return new TimedStart(worker, archived, clock.Elapsed, StartSteps(worker.Tail()));
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>The steps of the worker's start from its log line "Start steps (ms since process start): host built 412, …".</summary>
    private static List<(string Step, double AtMs)> StartSteps(string output)
    {
        var line = output.Split(Environment.NewLine).FirstOrDefault(l => l.Contains(StartTimeline.Heading, StringComparison.Ordinal));
        if (line is null)
        {
            return [];
        }

        return line[(line.IndexOf(StartTimeline.Heading, StringComparison.Ordinal) + StartTimeline.Heading.Length)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(step => (step[..step.LastIndexOf(' ')], double.Parse(step[(step.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private sealed record TimedStart(WorkerProcess Worker, TimeSpan Archived, TimeSpan Listed, List<(string Step, double AtMs)> Steps);

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
