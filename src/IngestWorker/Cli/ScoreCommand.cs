using System.CommandLine;
using IngestWorker.Projections;
using IngestWorker.Core.Scoring;

namespace IngestWorker.Cli;

/// <summary>
/// <c>IngestWorker score GOLD FILE...</c>: how well the extractor reads the files, against hand-made gold
/// claims (precision, recall, F1, attribute accuracy, and every miss and extra with its sentence).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var command = new Command("score", "Score the claims read out of each file against a gold file (format of dev-gold.json): precision, recall and F1 per claim type, kind/bound/asOf accuracy, and each miss and extra; exit 1 with --require-targets when a target is not met");
        var gold = new Argument<string>("GOLD") { Description = "Gold claims: a JSON object mapping file names to their troopCounts and baseStatuses" };
        var files = new Argument<string[]>("FILE") { Description = "Article files named as in the gold", Arity = ArgumentArity.OneOrMore };
        var rules = CommonOptions.Rules();
        var json = CommonOptions.Json();
        var requireTargets = new Option<bool>("--require-targets") { Description = "Exit 1 when a target (troop counts F1 0.90, base statuses F1 0.85, asOf 0.85) is not met" };
        command.Arguments.Add(gold);
        command.Arguments.Add(files);
        command.Options.Add(rules);
        command.Options.Add(json);
        command.Options.Add(requireTargets);
        command.SetGuardedAction(async (parse, ct) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(rules));
            var goldSet = GoldSet.Load(parse.GetValue(gold)!);
            var report = await ScoreRun.ScoreFilesAsync(goldSet, parse.GetValue(files)!, loaded.Rules, ct);
            Console.Out.Write(parse.GetValue(json) ? ScoreReportWriter.Json(report) + Environment.NewLine : ScoreReportWriter.Table(report));
            return parse.GetValue(requireTargets) && ScoreTargets.Of(report).Any(t => !t.Met) ? 1 : 0;
        });
        return command;
    }
}
