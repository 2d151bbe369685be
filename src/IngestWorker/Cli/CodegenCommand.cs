using System.CommandLine;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using JasperFx;

namespace IngestWorker.Cli;

/// <summary>
/// <c>IngestWorker codegen write|preview</c>: Wolverine's pre-generated handler code, written under
/// Internal/Generated so that the worker starts with <c>TypeLoadMode.Static</c> and never compiles at run time.
/// Run it from src/IngestWorker after changing a handler; the files are part of the source.
/// </summary>
internal static class CodegenCommand
{
    public static Command Create()
    {
        var command = new Command("codegen", "For developers: write (or preview) Wolverine's pre-generated handler code into Internal/Generated") { Hidden = true };
        var action = new Argument<string>("action") { Description = "write, preview or test", DefaultValueFactory = _ => "write" };
        command.Arguments.Add(action);
        command.SetAction(async (parse, _) =>
        {
            // Code is generated from the handlers' shapes alone: no database is opened.
            var settings = new WorkerSettings(new InboxOptions(), LoadedRules.Default, WorkerSettings.DefaultUrls, new ProjectionOptions());
            await using var app = WorkerApp.Build(settings, "Host=localhost;Database=codegen");
            return await app.RunJasperFxCommands(["codegen", parse.GetValue(action)!]);
        });
        return command;
    }
}
