using System.CommandLine;
using IngestWorker.Answers;
using IngestWorker.Cli;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace IngestWorker.Bench;

/// <summary>
/// <c>IngestWorker.Bench --load</c>: only the HTTP API under load (<see cref="LoadBenchmark"/>), on a throwaway
/// PostgreSQL of its own or on the server the bench is given; the other parts are not run.
/// </summary>
internal static class LoadCommand
{
    /// <summary>Adds <c>--load</c> and its sizes to the bench's command.</summary>
    public static LoadOptions AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var defaults = LoadSizes.Default;
        var options = new LoadOptions(
            new Option<bool>("--load")
            {
                Description = "Run only the HTTP API under load: a worker process on --load-articles articles, --clients clients asking the list routes for --seconds s",
            },
            Size("--load-articles", "Articles in the database the loaded worker serves (with --load)", defaults.Articles),
            Size("--clients", "Concurrent HTTP clients (with --load)", defaults.Clients),
            Size("--seconds", "How long the clients ask (with --load)", defaults.Seconds));
        foreach (var option in new Option[] { options.Load, options.Articles, options.Clients, options.Seconds })
        {
            command.Options.Add(option);
        }

        return options;
    }

    public static async Task<int> RunAsync(ParseResult parse, LoadOptions options, string? serverConnectionString, bool durable, bool json,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        var sizes = new LoadSizes(parse.GetValue(options.Articles), parse.GetValue(options.Clients), parse.GetValue(options.Seconds));
        if (sizes.Problem() is { } problem)
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            return CliErrors.UserError;
        }

        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        LoadReport report;
        try
        {
            report = await MeasureAsync(sizes, serverConnectionString, durable, ct);
        }
        finally
        {
            Console.SetOut(stdout);
        }

        if (json)
        {
            return Output.Json(report);
        }

        LoadTable.Write(Terminal.Out, report);
        return 0;
    }

    private static async Task<LoadReport> MeasureAsync(LoadSizes sizes, string? serverConnectionString, bool durable, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information));
        var logger = loggers.CreateLogger("IngestWorker.Bench");
        var root = Path.Combine(Path.GetTempPath(), $"ingestworker-load-{Guid.NewGuid():N}"[..30]);
        return await BenchServer.MeasureOnAsync(serverConnectionString, root, durable, loggers,
            (server, files) => LoadBenchmark.RunAsync(server, sizes, files, logger, ct), ct);
    }

    private static Option<int> Size(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
    };
}
