using System.CommandLine;
using IngestWorker.Core.Extraction;
using IngestWorker.Projections;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker rules</c>: print the rules (to start an edited copy) or check a rules file.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Print the built-in extraction rules (YAML) or their gazetteer of installations to start your own copy, or check a rules file and print its version");
        var rules = CommonOptions.Rules();
        var versionOnly = new Option<bool>("--version-only") { Description = "Print only the rules version" };
        var check = new Option<bool>("--check") { Description = "Run every example sentence of the rules and exit 1 listing those that yield other claims" };
        var gazetteer = new Option<bool>("--gazetteer") { Description = "Print the gazetteer of installations the rules are read with (name your edited copy in the rules as 'gazetteer: FILE')" };
        var file = new Argument<string?>("FILE") { Description = "Rules file to check (same as --rules)", Arity = ArgumentArity.ZeroOrOne };
        command.Options.Add(rules);
        command.Options.Add(versionOnly);
        command.Options.Add(check);
        command.Options.Add(gazetteer);
        command.Arguments.Add(file);
        command.SetGuardedAction((parse, _) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(file) ?? parse.GetValue(rules));
            if (parse.GetValue(check))
            {
                var mismatches = RulesCheck.Mismatches(loaded.Rules);
                foreach (var mismatch in mismatches)
                {
                    Console.WriteLine($"{loaded.Source}, {mismatch}");
                }

                Console.WriteLine($"{loaded.Rules.Examples.Count - mismatches.Count} of {loaded.Rules.Examples.Count} examples hold (rules version {loaded.Rules.Version}).");
                return Task.FromResult(mismatches.Count == 0 ? 0 : 1);
            }

            if (parse.GetValue(versionOnly))
            {
                Console.WriteLine(loaded.Rules.Version);
            }
            else if (parse.GetValue(gazetteer))
            {
                Console.Error.WriteLine($"# gazetteer of rules version {loaded.Rules.Version} from {loaded.Source}");
                Console.Write(loaded.Rules.GazetteerYaml ?? "# these rules are read without a gazetteer\n");
            }
            else
            {
                Console.Error.WriteLine($"# rules version {loaded.Rules.Version} from {loaded.Source}");
                Console.Write(loaded.Yaml);
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
