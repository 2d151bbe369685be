using System.CommandLine;
using IngestWorker.Bench;
using IngestWorker.Database;
using IngestWorker.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;

namespace IngestWorker.Cli;

/// <summary>
/// <c>IngestWorker bench</c>: the event store and the ingest path against PostgreSQL's own limits, in
/// one run, on a throwaway PostgreSQL of its own (issue #5).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench",
            "Measure appends, rebuilds, single commits, ingest throughput, latency and memory against raw PostgreSQL on a throwaway server; smaller sizes give a quick run");
        var defaults = BenchSizes.Default;
        var events = Size("--events", "Events appended and rebuilt", defaults.Events);
        var streams = Size("--streams", "Streams the events are spread over", defaults.Streams);
        var batch = Size("--batch", "Events per append transaction", defaults.Batch);
        var single = Size("--single", "Appends of one event, one transaction each", defaults.SingleCommits);
        var articles = Size("--articles", "Synthetic articles dropped into the inbox at once", defaults.Articles);
        var latency = Size("--latency", "Articles dropped one at a time to time each", defaults.LatencyDrops);
        var repetitions = Size("--repetitions", "Timed runs per figure after the warm-up (the median is reported)", defaults.Repetitions);
        var noFsync = new Option<bool>("--no-fsync")
        {
            Description = "Run the server with fsync and synchronous_commit off, as the tests do (commits stop waiting for the disk)",
        };
        var json = CommonOptions.Json();
        foreach (var option in new Option[] { events, streams, batch, single, articles, latency, repetitions, noFsync, json })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            var sizes = new BenchSizes(parse.GetValue(events), parse.GetValue(streams), parse.GetValue(batch), parse.GetValue(single),
                parse.GetValue(articles), parse.GetValue(latency), parse.GetValue(repetitions));
            if (sizes.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return CliErrors.UserError;
            }

            var report = await RunOnThrowawayServerAsync(sizes, durable: !parse.GetValue(noFsync), ct);
            if (parse.GetValue(json))
            {
                return Output.Json(report);
            }

            BenchTable.Write(AnsiConsole.Console, report);
            return 0;
        });
        return command;
    }

    private static async Task<BenchReport> RunOnThrowawayServerAsync(BenchSizes sizes, bool durable, CancellationToken ct)
    {
        // Logs (progress included) go to stderr, so that stdout holds only the table or the JSON.
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information));
        var root = Path.Combine(Path.GetTempPath(), $"ingestworker-bench-{Guid.NewGuid():N}"[..31]);
        var serverFolder = Path.Combine(root, "pg");
        Directory.CreateDirectory(serverFolder);
        if (!OperatingSystem.IsWindows())
        {
            // As root the server runs as the postgres user, which must be able to write its folder.
            File.SetUnixFileMode(serverFolder, (UnixFileMode)0b111_111_111);
        }

        try
        {
            await using var postgres = await EmbeddedPostgres.StartAsync(serverFolder, loggers.CreateLogger<EmbeddedPostgres>(), ct, durable);
            var server = new BenchServer(
                async (name, token) =>
                {
                    await postgres.CreateDatabaseIfMissingAsync(name, token);
                    return DatabaseTarget.Tune(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(name)));
                },
                $"embedded, started for this run in {serverFolder}");
            var harness = new BenchHarness(server, sizes, Path.Combine(root, "files"), loggers.CreateLogger("IngestWorker.Bench"));
            return await harness.RunAsync(ct);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file the server still holds; the temp folder is the machine's to clean.
            }
        }
    }

    private static Option<int> Size(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
    };
}
