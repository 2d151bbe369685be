using System.CommandLine;
using IngestWorker.Cli;

var root = new RootCommand(
    "IngestWorker: an event-sourced ingest worker for news about military deployments. " +
    "Drop articles into the inbox; query troop counts, base status and figure history; replay after editing the rules.");
RunCommand.Configure(root);

var run = new Command("run", "Watch the inbox, project the log into read models and serve the HTTP API (the default verb)");
RunCommand.Configure(run);
root.Subcommands.Add(run);
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(QueryCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(RulesCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(CodegenCommand.Create());
foreach (var schemaVerb in SchemaCommands.Create())
{
    root.Subcommands.Add(schemaVerb);
}

var parsed = root.Parse(args);
return parsed.Errors.Count > 0 ? CliErrors.ReportParseErrors(parsed) : await parsed.InvokeAsync();
