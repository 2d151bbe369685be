using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using IngestWorker.Tools;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// The HTTP API under load (issue 10, item 5), run by <c>--load</c>: a worker process ingests
/// <see cref="LoadSizes.Articles"/> synthetic articles (one in twenty a copy of an earlier one) and is
/// stopped; a fresh worker process on that database then serves <see cref="LoadSizes.Clients"/> clients
/// on loopback for <see cref="LoadSizes.Seconds"/> s, each asking the list routes in turn, default page
/// each, and waiting for each whole answer before the next. The serving worker's own peak resident set
/// (VmHWM) is read after the clients stop: a fresh process, so the figure is the serving's, not the ingest's.
/// </summary>
internal static class LoadBenchmark
{
    public const string Part = "6 API under load";
    public const double TargetP99Ms = 500;
    public const double TargetPeakMb = 300;
    private const int Seed = 10;
    private const int CopyEvery = 20;

    /// <summary>Every list route with its default page, with and without filters, as JSON and CSV, and the status.</summary>
    public static IReadOnlyList<string> Routes { get; } =
    [
        "/api/articles",
        "/api/articles?from=2020&to=2022",
        "/api/articles?format=csv",
        "/api/troops",
        "/api/troops?location=Iraq&force=US",
        "/api/troops?from=2020&to=2022",
        "/api/troops?knownAt=2020-06-30&format=csv",
        "/api/bases",
        "/api/bases?knownAt=2020-06-30",
        "/api/bases?statements=none&format=csv",
        "/api/history",
        "/api/history?location=Iraq",
        "/api/history?location=Syria&knownAt=2024-06-30",
        "/api/history?from=2020&to=2022&sources=none",
        "/api/history?format=csv",
        "/api/status",
    ];

    public static async Task<LoadReport> RunAsync(BenchServer server, LoadSizes sizes, string workFolder, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(sizes));
        }

        var connectionString = await server.CreateDatabaseAsync("bench_load", ct);
        string describedServer;
        await using (var dataSource = BenchDatabase.Open(connectionString))
        {
            describedServer = $"{await BenchDatabase.DescribeServerAsync(dataSource, ct)}; {server.Description}";
        }

        Log.BenchServer(logger, describedServer);
        var folder = Path.Combine(workFolder, "load");
        var inbox = Path.Combine(folder, "inbox");
        Directory.CreateDirectory(inbox);
        var staging = Path.Combine(folder, "staging");
        var names = await StageAsync(staging, sizes.Articles, ct);

        var seeding = Stopwatch.StartNew();
        var seedAddress = WorkerProcess.FreeLoopbackAddress();
        await using (var ingesting = BenchProcesses.StartWorker(connectionString, inbox, seedAddress.ToString()))
        {
            using var client = new HttpClient { BaseAddress = seedAddress, Timeout = TimeSpan.FromSeconds(30) };
            await UntilServingAsync(ingesting, client, ct);
            foreach (var name in names)
            {
                File.Move(Path.Combine(staging, name), Path.Combine(inbox, name));
            }

            await UntilCaughtUpAsync(ingesting, client, sizes.Articles, ct);
        }

        Log.LoadSeeded(logger, sizes.Articles, seeding.Elapsed.TotalSeconds);

        var address = WorkerProcess.FreeLoopbackAddress();
        await using var worker = BenchProcesses.StartWorker(connectionString, inbox, address.ToString());
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = sizes.Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        await UntilServingAsync(worker, http, ct);
        await UntilCaughtUpAsync(worker, http, sizes.Articles, ct);

        // Where the peak is reached: start and catch-up, then each route's first answer, then the load.
        Log.LoadMemory(logger, "after start and catch-up", worker.PeakResidentMegabytes(), worker.ResidentMegabytes());

        // The first answer of each route after a start pays for what the worker builds once (the syndication
        // index, the timelines); it is shown apart, and the load measures the worker as it then stays.
        var firstAnswers = new List<double>();
        foreach (var route in Routes)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(route, ct);
            var bytes = (await response.Content.ReadAsByteArrayAsync(ct)).LongLength;
            response.EnsureSuccessStatusCode();
            firstAnswers.Add(clock.Elapsed.TotalMilliseconds);
            Log.LoadFirstAnswer(logger, route, clock.Elapsed.TotalMilliseconds, bytes);
            Log.LoadMemory(logger, "after the first answer of " + route, worker.PeakResidentMegabytes(), worker.ResidentMegabytes());
        }

        var (perRoute, steady, elapsed) = await LoadAsync(http, sizes, logger, ct);
        var peak = worker.PeakResidentMegabytes();
        var after = worker.ResidentMegabytes();
        var loadAverage = LoadAverage();
        await worker.DisposeAsync();
        TryDelete(folder);

        var all = new LatencySample();
        foreach (var sample in perRoute)
        {
            all.AddAll(sample);
        }

        Log.LoadDone(logger, all.Count / elapsed.TotalSeconds, all.Percentile(0.5), all.Percentile(0.99), all.Max, all.Errors, peak, loadAverage);
        var figures = Figures(sizes, perRoute, all, elapsed, firstAnswers.Max(), peak, after, logger);
        figures.Insert(4, Figure(FormattableString.Invariant($"Latency p99 of the answers asked after the first {SteadyAfter(sizes).TotalSeconds:F0} s (connections open, pools grown)"),
            steady.Percentile(0.99), "ms", higherIsBetter: false, target: null));
        var method = FormattableString.Invariant(
            $"{sizes.Articles:N0} synthetic articles ingested by one worker process, which is stopped; a fresh worker process on that database, caught up, ")
            + FormattableString.Invariant($"answers each route once, then {sizes.Clients} clients on loopback (one HttpClient, a connection each) ask the ")
            + FormattableString.Invariant($"{Routes.Count} routes in turn for {sizes.Seconds} s, each reading the whole answer before asking again; ")
            + "latency from sending to the last byte; an error is an answer other than 2xx or no answer; peak is the serving worker's VmHWM";
        return new LoadReport(DateTimeOffset.Now, DescribeMachine(), describedServer, method, sizes, loadAverage, figures);
    }

    private static List<BenchFigure> Figures(LoadSizes sizes, IReadOnlyList<LatencySample> perRoute, LatencySample all, TimeSpan elapsed,
        double slowestFirst, double peak, double after, ILogger logger)
    {
        var under = FormattableString.Invariant($"{sizes.Clients} clients for {sizes.Seconds} s, {sizes.Articles:N0} articles");
        var figures = new List<BenchFigure>
        {
            Figure($"Requests per second ({under})", all.Count / elapsed.TotalSeconds, "requests/s", higherIsBetter: true, target: null),
            Figure("Latency p50, every route", all.Percentile(0.5), "ms", higherIsBetter: false, target: null),
            Figure("Latency p99, every route", all.Percentile(0.99), "ms", higherIsBetter: false, new BenchTarget(TargetKind.ValueBelow, TargetP99Ms)),
            Figure("Latency max, every route", all.Max, "ms", higherIsBetter: false, target: null),
            Figure("Errors (not 2xx, or no answer)", all.Errors, "errors", higherIsBetter: false, new BenchTarget(TargetKind.ValueBelow, 1)),
            Figure("Worker's peak working set (VmHWM) through start and the load", peak, "MB", higherIsBetter: false,
                new BenchTarget(TargetKind.ValueBelow, TargetPeakMb)),
            Figure("Worker's working set (VmRSS) after the load", after, "MB", higherIsBetter: false, target: null),
            Figure("Slowest first answer of a route after start (not in the load's figures)", slowestFirst, "ms", higherIsBetter: false, target: null),
        };
        for (var i = 0; i < Routes.Count; i++)
        {
            var sample = perRoute[i];
            Log.LoadRoute(logger, Routes[i], sample.Count, sample.Percentile(0.5), sample.Percentile(0.99), sample.Max, sample.Errors);
            figures.Add(Figure($"Latency p99 of GET {Routes[i]} ({sample.Count:N0} answers, {sample.Errors} errors)", sample.Percentile(0.99), "ms",
                higherIsBetter: false, target: null));
        }

        return figures;
    }

    private static BenchFigure Figure(string name, double value, string unit, bool higherIsBetter, BenchTarget? target) =>
        new(Part, name, value, unit, higherIsBetter, LimitName: null, Limit: null, target, PeakWorkingSetMb: 0);

    /// <summary>The clients: each starts at a route of its own and asks them in turn until the time is up.</summary>
    /// <summary>When the start of the load (connections opened, thread pools growing) is over: a quarter of it, at most 5 s.</summary>
    private static TimeSpan SteadyAfter(LoadSizes sizes) => TimeSpan.FromSeconds(Math.Min(5, sizes.Seconds / 4.0));

    private static async Task<(IReadOnlyList<LatencySample> PerRoute, LatencySample Steady, TimeSpan Elapsed)> LoadAsync(HttpClient http, LoadSizes sizes, ILogger logger,
        CancellationToken ct)
    {
        var duration = TimeSpan.FromSeconds(sizes.Seconds);
        var steadyAfter = SteadyAfter(sizes);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, sizes.Clients).Select(client => Task.Run(async () =>
        {
            var mine = Routes.Select(_ => new LatencySample()).ToArray();
            var steady = new LatencySample();
            var buffer = new byte[64 * 1024];
            for (var turn = client; clock.Elapsed < duration; turn++)
            {
                var route = turn % Routes.Count;
                var started = clock.Elapsed;
                try
                {
                    using var response = await http.GetAsync(Routes[route], HttpCompletionOption.ResponseHeadersRead, ct);
                    await using (var body = await response.Content.ReadAsStreamAsync(ct))
                    {
                        while (await body.ReadAsync(buffer, ct) > 0)
                        {
                            // Read to the end: the answer is timed to its last byte.
                        }
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        mine[route].Add((clock.Elapsed - started).TotalMilliseconds);
                        if (started >= steadyAfter)
                        {
                            steady.Add((clock.Elapsed - started).TotalMilliseconds);
                        }
                    }
                    else
                    {
                        mine[route].AddError();
                        Log.LoadError(logger, Routes[route], ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
                {
                    mine[route].AddError();
                    Log.LoadError(logger, Routes[route], e.Message);
                }
            }

            return (Mine: mine, Steady: steady);
        }, ct)).ToList();
        var results = await Task.WhenAll(clients);
        var elapsed = clock.Elapsed;
        var perRoute = Routes.Select(_ => new LatencySample()).ToArray();
        var steadyAll = new LatencySample();
        foreach (var (mine, steady) in results)
        {
            steadyAll.AddAll(steady);
            for (var i = 0; i < perRoute.Length; i++)
            {
                perRoute[i].AddAll(mine[i]);
            }
        }

        return (perRoute, steadyAll, elapsed);
    }

    /// <summary>
    /// Writes the articles before any worker starts; every <see cref="CopyEvery"/>th is an earlier one's body
    /// under another outlet and title, a wire report published twice, as the syndication index must find.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StageAsync(string folder, int count, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var names = new List<string>(count);
        var bodies = new List<string>(count);
        foreach (var (fileName, text) in SyntheticArticles.Generate(count, Seed, ClaimDensity.Reporting))
        {
            var i = names.Count;
            var written = text;
            if (i % CopyEvery == CopyEvery - 1)
            {
                var original = bodies[i / 2];
                written = FormattableString.Invariant($"---\ntitle: Wire copy {i}\noutlet: Copy Desk {i % 7}\n---\nCarried by the copy desk, item {i}.\n\n") + original;
            }

            await File.WriteAllTextAsync(Path.Combine(folder, fileName), written, ct);
            names.Add(fileName);

            // What was written, so that a later copy always copies an article the worker holds.
            bodies.Add(BodyOf(written));
        }

        return names;
    }

    /// <summary>The text after the front matter.</summary>
    private static string BodyOf(string text)
    {
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        return end < 0 ? text : text[(end + 5)..];
    }

    private static async Task UntilServingAsync(WorkerProcess worker, HttpClient http, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/api/status", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Alive(worker, clock, TimeSpan.FromSeconds(90), "answered /api/status");
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    /// <summary>Until /api/status counts every article, the inbox is empty and no projection lags.</summary>
    private static async Task UntilCaughtUpAsync(WorkerProcess worker, HttpClient http, int articles, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(120) + TimeSpan.FromMilliseconds(50.0 * articles);
        while (true)
        {
            using (var response = await http.GetAsync("/api/status", ct))
            {
                if (response.IsSuccessStatusCode)
                {
                    using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    var root = status.RootElement;
                    var received = root.GetProperty("articles").GetInt64();
                    var backlog = root.GetProperty("inboxBacklog");
                    var lagging = root.GetProperty("projections").EnumerateArray().Any(p => p.GetProperty("lag").GetInt64() > 0);
                    if (received >= articles && (backlog.ValueKind != JsonValueKind.Number || backlog.GetInt32() == 0) && !lagging)
                    {
                        return;
                    }
                }
            }

            Alive(worker, clock, limit, $"taken and projected {articles} articles");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
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

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    private static string DescribeMachine()
    {
        var memoryGib = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer") is { } server ? $", DOTNET_gcServer={server}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {memoryGib:F0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}{gc}");
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp folder is the machine's to clean.
        }
    }
}
