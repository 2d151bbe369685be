using System.CommandLine;
using IngestWorker.Answers;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Replay;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker replay</c>: rebuild the read models from the log with the current rules and show what changed.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay",
            "Rebuild every projection from the start of the log with the current rules, show what the rules changed, then swap the new models in");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and change nothing" };
        var rules = CommonOptions.Rules();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        foreach (var option in new Option[] { dryRun, rules, json, data, db })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            var loaded = LoadedRules.From(parse.GetValue(rules));
            await using var session = await VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), loaded, ct, LogLevel.Warning, messaging: true);
            Task<ReplayReport> ReplayAsync(ReplayProgress progress) => session.InvokeAsync<ReplayReport>(new ReplayLog(loaded, parse.GetValue(dryRun), progress), ct);
            var asJson = parse.GetValue(json);
            ReplayReport report;
            if (!asJson && Terminal.Out.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            {
                report = await Terminal.Out.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(context => ReplayAsync(new BarProgress(context)));
            }
            else
            {
                report = await ReplayAsync(asJson ? ReplayProgress.None : new LineProgress());
            }

            return asJson ? Output.Json(report) : Print(report);
        });
        return command;
    }

    private static int Print(ReplayReport report)
    {
        Terminal.Out.MarkupLine($"Rules: [bold]{Markup.Escape(report.OldRulesVersion ?? "none")}[/] → [bold]{Markup.Escape(report.NewRulesVersion)}[/]   events replayed: {report.EventsReplayed}");
        if (!report.HasChanges)
        {
            Terminal.Out.MarkupLine("No claim changed.");
        }
        else
        {
            var summary = new Table().AddColumns("What", "Location or base", "Added", "Removed", "Changed");
            foreach (var s in report.Summary)
            {
                summary.AddRow(s.Kind, Markup.Escape(s.Subject), $"{s.Added}", $"{s.Removed}", $"{s.Changed}");
            }

            TableCells.Show(summary, "what the rules changed");
            var details = new Table().AddColumns("Change", "Subject", "Article", "Before", "After");
            foreach (var change in report.TroopCounts.Concat(report.BaseStatuses))
            {
                details.AddRow(TableCells.Cell(change.Change), TableCells.Cell(change.Subject), TableCells.Cell(TableCells.Shorten(change.Article, 40)),
                    TableCells.Cell(change.Before), TableCells.Cell(change.After));
            }

            TableCells.Show(details, "claims");
        }

        Terminal.Out.MarkupLine(report.Applied
            ? "[green]Applied:[/] the rebuilt read models are live."
            : "[yellow]Dry run:[/] nothing was changed. Run without --dry-run to apply.");
        return 0;
    }

    /// <summary>A bar per projection, on a terminal.</summary>
    private sealed class BarProgress(ProgressContext context) : ReplayProgress
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public override void Started(IReadOnlyList<string> projections, long totalEvents)
        {
            foreach (var name in projections)
            {
                _tasks[name] = context.AddTask(name, maxValue: Math.Max(1, totalEvents));
            }
        }

        public override void Advanced(string projection, int events) => _tasks[projection].Increment(events);

        public override void Finished()
        {
            foreach (var task in _tasks.Values)
            {
                task.Value = task.MaxValue;
            }
        }
    }

    /// <summary>Plain lines when the output is not a terminal (CI logs, pipes).</summary>
    private sealed class LineProgress : ReplayProgress
    {
        private readonly Dictionary<string, long> _done = new(StringComparer.Ordinal);
        private long _total;

        public override void Started(IReadOnlyList<string> projections, long totalEvents)
        {
            _total = totalEvents;
            Console.Error.WriteLine($"replaying {totalEvents} events into {string.Join(", ", projections)}");
        }

        public override void Advanced(string projection, int events)
        {
            var done = _done[projection] = _done.GetValueOrDefault(projection) + events;
            Console.Error.WriteLine($"{projection}: {done}/{_total}");
        }

        public override void Finished() => Console.Error.WriteLine("replay finished");
    }
}
