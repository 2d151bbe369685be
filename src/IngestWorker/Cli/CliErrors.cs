using System.CommandLine;
using IngestWorker.Core.Errors;
using Npgsql;

namespace IngestWorker.Cli;

/// <summary>
/// Turns the errors a user can cause or fix (no PostgreSQL, a bad rules file, an unreachable server)
/// into one sentence and exit code 2, instead of a stack trace.
/// </summary>
internal static class CliErrors
{
    public const int UserError = 2;

    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 130;
            }
            catch (Exception e) when (Explain(e) is { } message)
            {
                await Console.Error.WriteLineAsync($"error: {message}");
                return UserError;
            }
        });

    /// <summary>The command line could not be read: each error on a line of its own, and one hint, not the whole help.</summary>
    public static int ReportParseErrors(ParseResult parse)
    {
        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine($"error: {error.Message}");
        }

        var verb = string.Join(' ', parse.CommandResult.Command is RootCommand
            ? ["IngestWorker"]
            : new[] { "IngestWorker" }.Concat(Path(parse.CommandResult)));
        Console.Error.WriteLine($"hint: `{verb} --help` shows what it takes.");
        return UserError;

        static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result) =>
            result.Parent is System.CommandLine.Parsing.CommandResult parent && parent.Command is not RootCommand
                ? Path(parent).Append(result.Command.Name)
                : [result.Command.Name];
    }

    private static string? Explain(Exception e) => e switch
    {
        IngestWorkerException => e.Message,
        FileNotFoundException notFound => $"{notFound.FileName ?? "a file"} does not exist.",
        DirectoryNotFoundException => e.Message,
        UnauthorizedAccessException => e.Message,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException } =>
            $"cannot reach the PostgreSQL server ({e.InnerException!.Message}); check --db / INGEST_DB.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"the PostgreSQL server refused the login: {e.Message}",
        _ => null,
    };
}
