using System.CommandLine;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using JasperFx;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Cli;

/// <summary>
/// The schema verbs of the JasperFx command line, for teams that run the worker with <c>--schema-creation off</c>
/// and apply migrations themselves: each builds the worker's host (its Marten store, Wolverine's storage, the
/// projections) on the database of <c>--db</c> or <c>--data</c> and hands the verb to JasperFx, as
/// <see cref="CodegenCommand"/> does for code generation. Whatever follows the verb goes to JasperFx as it is.
/// </summary>
internal static class SchemaCommands
{
    /// <summary>How JasperFx names the two databases the worker uses (both in one PostgreSQL database, in two schemas).</summary>
    private const string LogSubject = "marten://store/";

    private const string WolverineSubject = "wolverine://messages/main";

    public static IEnumerable<Command> Create() =>
    [
        Verb("db-apply", "Create or migrate the database schema (the log, Wolverine's storage) to what this worker expects, now"),
        Verb("db-assert", "Check that the database schema is what this worker expects; exit code 1 when it is not"),
        Verb("db-patch", "Write the SQL that would bring the database schema to what this worker expects to FILE, Wolverine's storage to FILE.wolverine.sql (rollbacks beside them), for review",
            new Argument<string>("file") { Description = "Where the migration SQL goes, e.g. migration.sql", HelpName = "FILE" }),
        Verb("projections", "Marten's projection commands: list, rebuild or run the async projections (`projections --help` shows JasperFx's own options)"),
    ];

    private static Command Verb(string name, string description, Argument<string>? file = null)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        command.Options.Add(data);
        command.Options.Add(db);
        if (file is not null)
        {
            command.Arguments.Add(file);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            await using var database = await DatabaseTarget.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), loggers, ct);
            if (file is null)
            {
                return await RunAsync(database.ConnectionString, [name, .. parse.UnmatchedTokens]);
            }

            var path = parse.GetValue(file)!;
            if (parse.UnmatchedTokens.Any(token => token is "-d" or "--database"))
            {
                return await RunAsync(database.ConnectionString, [name, path, .. parse.UnmatchedTokens]);
            }

            // JasperFx writes one database's patch at a time: the log's to FILE, Wolverine's storage beside it.
            var wolverinePath = Path.ChangeExtension(path, null) + ".wolverine" + Path.GetExtension(path);
            var exitCode = await RunAsync(database.ConnectionString, [name, path, "-d", LogSubject, .. parse.UnmatchedTokens]);
            return exitCode != 0 ? exitCode : await RunAsync(database.ConnectionString, [name, wolverinePath, "-d", WolverineSubject, .. parse.UnmatchedTokens]);
        });
        return command;
    }

    /// <summary>One JasperFx command on a host of its own (a host runs one command line).</summary>
    private static async Task<int> RunAsync(string connectionString, string[] arguments)
    {
        var settings = new WorkerSettings(new InboxOptions(), LoadedRules.Default, WorkerSettings.DefaultUrls, new ProjectionOptions());
        await using var app = WorkerApp.Build(settings, connectionString);
        return await app.RunJasperFxCommands(arguments);
    }
}
