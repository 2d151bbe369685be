using System.CommandLine;
using IngestWorker.Answers;
using IngestWorker.Cli;
using IngestWorker.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;

namespace IngestWorker.Bench;

/// <summary>
/// <c>IngestWorker.Bench</c>: the Marten event store, the Wolverine ingest path, the replay and the
/// worker's footprint against PostgreSQL's own limits, in one run, on a throwaway PostgreSQL of its own
/// (or on the server named by <c>--db</c> / <c>INGEST_BENCH_DB</c>).
/// </summary>
internal static class BenchCommand
{
    public const string DatabaseVariable = "INGEST_BENCH_DB";

    public static RootCommand Create()
    {
        var command = new RootCommand(
            "Measure extraction, appends through Marten, ingest, replay, latency and the worker's memory and start against raw PostgreSQL " +
            "on a throwaway server; smaller sizes give a quick run");
        var defaults = BenchSizes.Default;
        var events = Size("--events", "Events appended through Marten (and by the raw INSERT)", defaults.Events);
        var batch = Size("--batch", "Events per append (and rows per raw INSERT statement)", defaults.Batch);
        var articles = Size("--articles", "Synthetic articles dropped into the inbox at once, and replayed", defaults.Articles);
        var latency = Size("--latency", "Articles dropped one at a time to time each", defaults.LatencyDrops);
        var repetitions = Size("--repetitions", "Timed runs per figure after the warm-up (the median is reported)", defaults.Repetitions);
        var density = new Option<ClaimDensity>("--density")
        {
            Description = "Claims the synthetic articles carry: reporting (~2 per KB, as real reports read) or dense (~6 per KB, the worst case)",
            DefaultValueFactory = _ => defaults.Density,
            HelpName = "reporting|dense",
            CustomParser = result =>
            {
                // Names only: Enum.TryParse alone would also take a number, and System.CommandLine's own message names the enum type.
                var text = result.Tokens.Single().Value;
                if (Enum.GetNames<ClaimDensity>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name)
                {
                    return Enum.Parse<ClaimDensity>(name);
                }

                result.AddError($"--density takes reporting or dense; not '{text}'.");
                return defaults.Density;
            },
        };
        var noFsync = new Option<bool>("--no-fsync")
        {
            Description = "Run the throwaway server with fsync and synchronous_commit off, as the tests do (commits stop waiting for the disk)",
        };
        var db = new Option<string?>("--db")
        {
            Description = $"Connection string of a PostgreSQL server to measure on instead of a throwaway one (or set {DatabaseVariable}); " +
                "the login must be allowed to create databases: each part makes its own",
            HelpName = "CONN",
        };
        var only = new Option<int[]>("--parts")
        {
            Description = "Run only the parts of these numbers (0 extract … 5 worker process), e.g. --parts 2 for the replay alone",
            HelpName = "N",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = CommonOptions.Json();
        var load = LoadCommand.AddOptions(command);
        foreach (var option in new Option[] { events, batch, articles, latency, repetitions, density, only, noFsync, db, json })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            if (parse.GetValue(load.Load))
            {
                return await LoadCommand.RunAsync(parse, load, parse.GetValue(db) ?? NullIfEmpty(Environment.GetEnvironmentVariable(DatabaseVariable)),
                    durable: !parse.GetValue(noFsync), parse.GetValue(json), ct);
            }

            var sizes = new BenchSizes(parse.GetValue(events), parse.GetValue(batch),
                parse.GetValue(articles), parse.GetValue(latency), parse.GetValue(repetitions), parse.GetValue(density));
            if (sizes.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return CliErrors.UserError;
            }

            var server = parse.GetValue(db) ?? NullIfEmpty(Environment.GetEnvironmentVariable(DatabaseVariable));
            // Libraries print notices of their own on stdout (Marten's "async daemon is disabled" for a
            // replay's store); stdout is kept for the table or the JSON.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            BenchReport report;
            try
            {
                report = await RunAsync(sizes, parse.GetValue(only) ?? [], server, durable: !parse.GetValue(noFsync), ct);
            }
            finally
            {
                Console.SetOut(stdout);
            }

            if (parse.GetValue(json))
            {
                return Output.Json(report);
            }

            BenchTable.Write(Terminal.Out, report);
            return 0;
        });
        return command;
    }

    private static async Task<BenchReport> RunAsync(BenchSizes sizes, IReadOnlyCollection<int> parts, string? serverConnectionString, bool durable, CancellationToken ct)
    {
        // Logs (progress included) go to stderr, so that stdout holds only the table or the JSON.
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information));
        var root = Path.Combine(Path.GetTempPath(), $"ingestworker-bench-{Guid.NewGuid():N}"[..31]);
        return await BenchServer.MeasureOnAsync(serverConnectionString, root, durable, loggers,
            (server, files) => new BenchHarness(server, sizes, files, loggers.CreateLogger("IngestWorker.Bench"), parts).RunAsync(ct), ct);
    }

    /// <summary>A fresh database on a server of the user's; one left by an earlier run is dropped first.</summary>
    internal static async Task<string> CreateDatabaseAsync(string serverConnectionString, string name, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        return DatabaseTarget.Tune(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Option<int> Size(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
    };
}
