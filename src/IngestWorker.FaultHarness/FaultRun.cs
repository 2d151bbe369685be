using System.Diagnostics;
using IngestWorker.Postgres;
using IngestWorker.Tools;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.FaultHarness;

/// <summary>
/// One run of the fault harness: drops files while worker processes are killed with SIGKILL at random
/// moments, kills PostgreSQL under a running worker, starts two workers at once on the fresh data folder
/// (one is turned away), races two workers on one inbox, then lets one
/// worker settle and checks the invariant (<see cref="InvariantCheck"/>).
/// </summary>
public static class FaultRun
{
    public static async Task<HarnessReport> RunAsync(HarnessOptions options, Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var inbox = Path.Combine(options.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        var dropped = DroppedFiles.Make(options.Articles, random);
        var runProblems = await StartTwoOnTheFreshFolderAsync(options, inbox, ct);
        progress("two workers started at once on the fresh data folder");

        // The run's own handle on the worker's server: the same one the workers use, found through the data folder.
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(options.Folder, ".ingest"), NullLogger.Instance, ct);

        // A share of the files for the full database disk, the full archive disk, each kill round, the race of two workers, the last worker.
        var shares = Split(dropped, options.KillRounds + 4);
        var archive = Path.Combine(options.Folder, "archive");
        var diskFull = options.FullArchiveDisk && FullDisk.TryMount(archive, "32m");
        TimeSpan? archiveRecovery = null;
        if (diskFull)
        {
            archiveRecovery = await RunOnFullArchiveAsync(options, inbox, archive, shares[^3], progress, ct);
        }

        var postgresKillRounds = Enumerable.Range(0, options.KillRounds).OrderBy(_ => random.Next()).Take(options.PostgresKills).ToHashSet();
        var postgresKills = 0;
        for (var round = 0; round < options.KillRounds; round++)
        {
            await using var worker = StartWorker(options, inbox);
            var handled = Handled(options.Folder);
            var dropping = DropAsync(shares[round], inbox, ct);

            // Kill in the thick of it: once this worker has begun to take files, at a random moment.
            await WaitAsync(() => Task.FromResult(Handled(options.Folder) > handled), TimeSpan.FromSeconds(20), ct);
            if (postgresKillRounds.Contains(round))
            {
                postgresKills += KillServer(server) ? 1 : 0;
                await Task.Delay(random.Next(500, 2500), ct);
            }

            await Task.Delay(random.Next(0, 400), ct);
            await worker.KillAsync();
            await dropping;
            progress($"round {round + 1}/{options.KillRounds}: worker killed{(postgresKillRounds.Contains(round) ? " (PostgreSQL killed under it first)" : string.Empty)}");
        }

        // Two workers on one inbox and one log, racing for the same files. One data folder takes one worker (a second
        // is turned away), so these share the folder's server as two deployments share an external database.
        var shared = new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = "IngestWorker (harness race)" }.ConnectionString;
        await using (var first = StartWorker(options, inbox, database: shared))
        await using (var second = StartWorker(options, inbox, database: shared))
        {
            await DropAsync(shares[^2], inbox, ct);
            await WaitAsync(() => Task.FromResult(InboxIsEmpty(inbox)), options.SettleTimeout, ct);
            progress("two workers raced on one inbox");

            // Every file was renamed in whole, so a file the other worker took is gone, never "changed".
            if (Said(options, first, ChangedAfterRead) || Said(options, second, ChangedAfterRead))
            {
                runProblems.Add("a worker racing for the inbox warned that a file changed after it was read, though no file was written to after it appeared");
            }
        }

        var databaseRecovery = await RunOnFullDatabaseAsync(options, inbox, server.ConnectionString, shares[^4], progress, ct);
        if (databaseRecovery is null)
        {
            runProblems.Add("the files held back by the full database disk did not leave the inbox once there was room");
        }

        // The last worker takes what is left and catches up; then the invariant is checked while it runs.
        var lastAddress = WorkerProcess.FreeLoopbackAddress();
        await using var last = StartWorker(options, inbox, lastAddress);
        await DropAsync(diskFull ? shares[^1] : [.. shares[^3], .. shares[^1]], inbox, ct);
        await WaitAsync(async () => InboxIsEmpty(inbox) && await InvariantCheck.CaughtUpAsync(server.ConnectionString, ct), options.SettleTimeout, ct);
        var (lost, doubled, invariantProblems) = await InvariantCheck.RunAsync(dropped, inbox, archive,
            Path.Combine(options.Folder, "rejected"), server.ConnectionString, ct);
        var problems = runProblems.Concat(invariantProblems).ToList();
        if (diskFull && archiveRecovery is null)
        {
            problems.Add("the files held back by the full archive disk did not leave the inbox once there was room");
        }

        if (last.HasExited || !await AnswersAsync(lastAddress, ct))
        {
            problems.Add("the last worker is not alive and answering at the end of the run");
        }

        await last.StopAsync(TimeSpan.FromSeconds(20));
        if (diskFull)
        {
            FullDisk.Unmount(archive);
        }

        progress("settled and checked");
        return new HarnessReport(dropped.Count, dropped.Where(f => !f.MustBeRefused).Select(f => f.ContentHash).Distinct().Count(),
            dropped.Count(f => f.Name.StartsWith("copy-of-", StringComparison.Ordinal)), dropped.Count(f => f.MustBeRefused),
            options.KillRounds, postgresKills, lost, doubled, clock.Elapsed, problems)
        {
            Hostile = dropped.Count(f => f.Name.StartsWith("hostile-", StringComparison.Ordinal) || f.Name.StartsWith("deep-yaml-", StringComparison.Ordinal)
                || f.Kind == DroppedKind.Folder),
            ArchiveDiskFull = diskFull,
            ArchiveRecovery = archiveRecovery,
            DatabaseRecovery = databaseRecovery,
        };
    }

    /// <summary>
    /// A worker whose archive disk is full: its files must wait in the inbox (recorded in the log, not moved,
    /// no empty file left in the archive) until there is room, then leave. Returns how long that took, null when they did not.
    /// </summary>
    private static async Task<TimeSpan?> RunOnFullArchiveAsync(
        HarnessOptions options, string inbox, string archive, IReadOnlyList<DroppedFile> files, Action<string> progress, CancellationToken ct)
    {
        var filler = Path.Combine(archive, ".filler");
        await FullDisk.FillAsync(filler, ct);
        await using var worker = StartWorker(options, inbox);
        await DropAsync(files, inbox, ct);

        // Long enough for the worker to start, record the files and fail to move them, a few times over.
        await WaitAsync(() => Task.FromResult(Said(options, worker, "Cannot move files into")), TimeSpan.FromSeconds(60), ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var held = Directory.EnumerateFileSystemEntries(inbox).Count();
        var leftInArchive = Directory.EnumerateFileSystemEntries(archive, "*", SearchOption.AllDirectories).Count(path => path != filler && !Directory.Exists(path));
        progress($"archive disk full: {held} file(s) held in the inbox, {leftInArchive} file(s) left in the archive");

        File.Delete(filler);
        var freed = System.Diagnostics.Stopwatch.StartNew();
        await WaitAsync(() => Task.FromResult(InboxIsEmpty(inbox)), options.SettleTimeout, ct);
        progress($"archive disk has room again: the inbox emptied in {freed.Elapsed.TotalSeconds:0.0} s");
        return InboxIsEmpty(inbox) && held > 0 && leftInArchive == 0 ? freed.Elapsed : null;
    }

    /// <summary>
    /// A worker whose database's disk is full (<see cref="FullDatabaseDisk"/>): its files must wait in the inbox
    /// and leave once there is room. Returns how long that took, null when they did not.
    /// </summary>
    private static async Task<TimeSpan?> RunOnFullDatabaseAsync(
        HarnessOptions options, string inbox, string connectionString, IReadOnlyList<DroppedFile> files, Action<string> progress, CancellationToken ct)
    {
        // On the run's data folder, so the worker starts the server again if the last kill round left it down.
        var address = WorkerProcess.FreeLoopbackAddress();
        await using var worker = StartWorker(options, inbox, address);
        await WaitAsync(() => AnswersAsync(address, ct), TimeSpan.FromSeconds(60), ct);
        await FullDatabaseDisk.FillAsync(connectionString, ct);
        await DropAsync(files, inbox, ct);
        await WaitAsync(() => Task.FromResult(Said(options, worker, "The database's disk is full")), TimeSpan.FromSeconds(60), ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var held = Directory.EnumerateFileSystemEntries(inbox).Count();
        progress($"database disk full: {held} file(s) held in the inbox");

        await FullDatabaseDisk.FreeAsync(connectionString, ct);
        var freed = Stopwatch.StartNew();
        await WaitAsync(() => Task.FromResult(InboxIsEmpty(inbox)), options.SettleTimeout, ct);
        var recovered = freed.Elapsed;
        progress($"database disk has room again: the inbox emptied in {recovered.TotalSeconds:0.0} s");
        await FullDatabaseDisk.RemoveAsync(connectionString, ct);
        return InboxIsEmpty(inbox) && held > 0 ? recovered : null;
    }

    /// <summary>
    /// Two workers started at the same moment on a data folder nobody has used: one makes the server and runs,
    /// the other is turned away with exit code 2 (the folder is in use), and neither dies in a race.
    /// </summary>
    private static async Task<List<string>> StartTwoOnTheFreshFolderAsync(HarnessOptions options, string inbox, CancellationToken ct)
    {
        var addresses = new[] { WorkerProcess.FreeLoopbackAddress(), WorkerProcess.FreeLoopbackAddress() };
        await using var first = StartWorker(options, inbox, addresses[0]);
        await using var second = StartWorker(options, inbox, addresses[1]);

        // Until one is turned away and the other answers (or dies late in its start).
        var workers = new[] { first, second };
        await WaitAsync(async () => workers.All(w => w.HasExited)
            || (workers.Any(w => w.HasExited) && await AnswersAsync(addresses[workers[0].HasExited ? 1 : 0], ct)), options.SettleTimeout, ct);
        var stopped = workers.Where(w => w.HasExited).ToList();
        return stopped is [{ ExitCode: 2 }]
            ? []
            : [$"two workers started at once on a fresh data folder: {stopped.Count} stopped (exit codes {string.Join(", ", stopped.Select(w => w.ExitCode))}); expected exactly one turned away with exit code 2 and the other running"];
    }

    /// <summary>A real worker process on the run's folder; its output goes to logs/worker-PID.log for whoever looks into a broken run.</summary>
    /// <param name="database">A connection string to use instead of the run's data folder.</param>
    private static WorkerProcess StartWorker(HarnessOptions options, string inbox, Uri? address = null, string? database = null) =>
        WorkerProcess.Start(
            [
                "run", .. database is null ? ["--data", Path.Combine(options.Folder, ".ingest")] : new[] { "--db", database },
                "--inbox", inbox, "--urls", (address ?? WorkerProcess.FreeLoopbackAddress()).ToString(),
            ],
            options.WorkerDll, options.Folder, Path.Combine(options.Folder, "logs"));

    /// <summary>The inbox's warning for a file written to after it was read (see the worker's Log.Inbox).</summary>
    private const string ChangedAfterRead = "changed after it was read";

    /// <summary>Whether a worker has written this text to its log (logs/worker-PID.log) so far.</summary>
    private static bool Said(HarnessOptions options, WorkerProcess worker, string text)
    {
        var log = Path.Combine(options.Folder, "logs", FormattableString.Invariant($"worker-{worker.Id}.log"));
        if (!File.Exists(log))
        {
            return false;
        }

        using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    }

    private static List<List<DroppedFile>> Split(List<DroppedFile> files, int parts) =>
        Enumerable.Range(0, parts).Select(p => files.Where((_, i) => i % parts == p).ToList()).ToList();

    /// <summary>Writes each file under a temporary name and renames it into the inbox, as a careful producer does.</summary>
    private static async Task DropAsync(IReadOnlyList<DroppedFile> files, string inbox, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var target = Path.Combine(inbox, file.Name);
            switch (file.Kind)
            {
                case DroppedKind.LinkToSecret:
                    var secret = Path.Combine(Path.GetDirectoryName(inbox)!, "secret.txt");
                    if (!File.Exists(secret))
                    {
                        await File.WriteAllTextAsync(secret, "SECRET: 9,999 US troops are in Iraq.", ct);
                    }

                    File.CreateSymbolicLink(target, secret);
                    break;
                case DroppedKind.Folder:
                    // Built under a name the inbox leaves alone, then renamed in whole.
                    var building = target + ".part";
                    Directory.CreateDirectory(building);
                    await File.WriteAllBytesAsync(Path.Combine(building, "inside.txt"), file.Bytes, ct);
                    Directory.Move(building, target);
                    break;
                case DroppedKind.Pipe:
                    using (var mkfifo = Process.Start("mkfifo", [target]))
                    {
                        await mkfifo.WaitForExitAsync(ct);
                    }

                    break;
                default:
                    var temporary = target + ".part";
                    await File.WriteAllBytesAsync(temporary, file.Bytes, ct);
                    File.Move(temporary, target);
                    break;
            }
        }
    }

    private static bool KillServer(EmbeddedPostgres server)
    {
        if (server.ServerProcessId() is not { } pid)
        {
            return false;
        }

        try
        {
            Process.GetProcessById(pid).Kill();
            return true;
        }
        catch (ArgumentException)
        {
            // Not running at this moment.
            return false;
        }
    }

    /// <summary>Files that have left the inbox so far.</summary>
    private static int Handled(string folder) =>
        new[] { "archive", Path.Combine("archive", "duplicates"), "rejected" }
            .Select(sub => Path.Combine(folder, sub))
            .Sum(path => Directory.Exists(path) ? Directory.EnumerateFiles(path).Count() : 0);

    private static bool InboxIsEmpty(string inbox) =>
        !Directory.EnumerateFileSystemEntries(inbox).Any(path => !Path.GetFileName(path).EndsWith(".part", StringComparison.Ordinal));

    private static async Task<bool> AnswersAsync(Uri address, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return (await http.GetAsync("/api/status", ct)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }
    }
}
