using System.CommandLine;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;
using IngestWorker.Inbox;
using IngestWorker.Projections;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker extract FILE...</c>: the claims of each file as the contract's JSON; no database needed.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var command = new Command("extract", "Print the troop counts and base statuses read out of each file, as JSON (see claims-contract.md); exit 1 when a file failed");
        var files = new Argument<string[]>("FILE") { Description = "Article files (.txt, .md, .html, .htm, .json)", Arity = ArgumentArity.OneOrMore };
        var rules = CommonOptions.Rules();
        var maxFileMb = CommonOptions.MaxFileMb();
        command.Arguments.Add(files);
        command.Options.Add(rules);
        command.Options.Add(maxFileMb);
        command.SetGuardedAction(async (parse, ct) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(rules));
            var limits = new InboxFile.Limits(parse.GetValue(maxFileMb) * 1024L * 1024L, FollowLinks: true);
            await using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            var exitCode = await ExtractReport.WriteAsync(parse.GetValue(files)!, loaded.Rules, output, (path, token) => Task.FromResult(Read(path, limits, token)), ct);
            await output.FlushAsync(ct);
            return exitCode;
        });
        return command;
    }

    /// <summary>
    /// Reads a file named on the command line as the inbox reads its files: within the same size limit, and
    /// only a regular file (a link is followed, but a device such as /dev/zero or a pipe is refused unopened).
    /// Ctrl+C and SIGTERM cancel <paramref name="ct"/>, which stops the read where it is.
    /// </summary>
    private static ArticleReadResult Read(string path, InboxFile.Limits limits, CancellationToken ct)
    {
        object looked;
        try
        {
            looked = InboxFile.Read(path, limits, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            looked = InboxFile.Vanished.Instance;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ArticleReadResult.Refused($"the file cannot be read ({e.Message}).", RejectionCode.Unreadable);
        }

        return looked switch
        {
            InboxFile.Content content => ArticleReader.Read(Path.GetFileName(path), content.Bytes, ct),
            InboxFile.Vanished => new ArticleReadResult.Refused("the file does not exist.", RejectionCode.Unreadable),
            InboxFile.Refusal refusal => new ArticleReadResult.Refused(refusal.Reason, refusal.Code),
            _ => throw new InvalidOperationException("Unknown read result."),
        };
    }
}
