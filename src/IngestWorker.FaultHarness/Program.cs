using System.CommandLine;
using IngestWorker.FaultHarness;

var folder = new Option<string?>("--folder") { Description = "Where the run lives [default: a new folder under the temp folder]", HelpName = "DIR" };
var articles = new Option<int>("--articles") { Description = "Distinct articles to drop", DefaultValueFactory = _ => 3000 };
var rounds = new Option<int>("--kill-rounds") { Description = "Workers started, fed and killed with SIGKILL", DefaultValueFactory = _ => 100 };
var postgres = new Option<int>("--postgres-kills") { Description = "Times PostgreSQL is killed under a running worker", DefaultValueFactory = _ => 3 };
var seed = new Option<int>("--seed") { Description = "Makes the run repeatable", DefaultValueFactory = _ => 42 };
var root = new RootCommand(
    "The IngestWorker fault harness: drops thousands of files while killing workers (SIGKILL) and PostgreSQL, races two workers " +
    "on one inbox, then checks that every file is exactly one article, duplicate or rejection with a reason, nothing else is in " +
    "the log, and the worker is alive with its read models caught up. Exit code 0 when the invariant holds, 1 when it is broken.")
{
    folder, articles, rounds, postgres, seed,
};
root.SetAction(async (parse, ct) =>
{
    var options = new HarnessOptions(
        parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), $"ingestworker-faults-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
        parse.GetValue(articles), parse.GetValue(rounds), parse.GetValue(postgres), parse.GetValue(seed));
    Console.WriteLine($"Fault harness in {options.Folder}");
    var report = await FaultRun.RunAsync(options, line => Console.WriteLine(line), ct);
    Console.WriteLine(report);
    return report.Holds ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
