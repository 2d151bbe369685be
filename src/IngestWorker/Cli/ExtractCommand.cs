using System.CommandLine;
using IngestWorker.Core.Extraction;
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
        command.Arguments.Add(files);
        command.Options.Add(rules);
        command.SetGuardedAction(async (parse, ct) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(rules));
            await using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            var exitCode = await ExtractReport.WriteAsync(parse.GetValue(files)!, loaded.Rules, output, ct);
            await output.FlushAsync(ct);
            return exitCode;
        });
        return command;
    }
}
