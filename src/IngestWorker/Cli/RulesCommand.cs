using System.CommandLine;
using IngestWorker.Projections;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker rules</c>: print the rules (to start an edited copy) or check a rules file.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Print the built-in extraction rules (YAML) to start your own copy, or check a rules file and print its version");
        var rules = CommonOptions.Rules();
        var versionOnly = new Option<bool>("--version-only") { Description = "Print only the rules version" };
        command.Options.Add(rules);
        command.Options.Add(versionOnly);
        command.SetGuardedAction((parse, _) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(rules));
            if (parse.GetValue(versionOnly))
            {
                Console.WriteLine(loaded.Rules.Version);
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
