using System.CommandLine;
using IngestWorker.Database;
using IngestWorker.Extraction;
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

    private static string? Explain(Exception e) => e switch
    {
        PostgresNotInstalledException => e.Message,
        RulesFileException => e.Message,
        IngestWorker.Scoring.GoldFileException => e.Message,
        FileNotFoundException notFound => $"{notFound.FileName ?? "a file"} does not exist.",
        DirectoryNotFoundException => e.Message,
        UnauthorizedAccessException => e.Message,
        ArgumentException when e.Message.Contains("connection string", StringComparison.OrdinalIgnoreCase) => e.Message,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException } =>
            $"cannot reach the PostgreSQL server ({e.InnerException!.Message}); check --db / INGEST_DB.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"the PostgreSQL server refused the login: {e.Message}",
        InvalidOperationException when e.Message.Contains("replay", StringComparison.OrdinalIgnoreCase) => e.Message,
        _ => null,
    };
}
