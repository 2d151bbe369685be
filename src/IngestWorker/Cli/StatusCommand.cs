using System.CommandLine;
using System.Globalization;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Status;
using Spectre.Console;

namespace IngestWorker.Cli;

/// <summary><c>IngestWorker status</c>: the log, each projection's checkpoint and lag, the rules, the inbox backlog.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "How many events the log holds, how far each projection has got, which rules built them, what waits in the inbox");
        var inbox = CommonOptions.Inbox();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var db = CommonOptions.Db();
        foreach (var option in new Option[] { inbox, json, data, db })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            await using var session = await VerbSession.OpenAsync(DatabaseSettings.From(parse.GetValue(data), parse.GetValue(db)), LoadedRules.Default, ct, use: DatabaseUse.Reader);
            var status = await session.Get<StatusQueries>().GetAsync(new InboxOptions { InboxFolder = parse.GetValue(inbox) ?? "inbox" }, ct);
            if (parse.GetValue(json))
            {
                return Output.Json(status);
            }

            Print(status, session.DatabaseDescription);
            return 0;
        });
        return command;
    }

    private static void Print(StatusReport status, string database)
    {
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("Database", Markup.Escape(database));
        summary.AddRow("Events", status.Events.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Articles", status.Articles.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Rejected files", status.Rejected.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Read model rules", status.ModelRulesVersion ?? "–");
        summary.AddRow("Newest rules applied", status.LatestRulesVersion ?? "–");
        summary.AddRow("Inbox backlog", status.InboxBacklog?.ToString(CultureInfo.InvariantCulture) ?? "(no inbox folder here)");
        AnsiConsole.Write(summary);

        var table = new Table().AddColumns("Projection", "Checkpoint (seq)", "Lag (events)", "Updated");
        foreach (var p in status.Projections)
        {
            table.AddRow(QueryCommand.Cell(p.Name), QueryCommand.Cell(p.Checkpoint), QueryCommand.Cell(p.Lag.ToString("N0", CultureInfo.InvariantCulture)),
                QueryCommand.Cell(p.UpdatedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        QueryCommand.Show(table, "projections");

        if (status.Parked.Count > 0)
        {
            var parked = new Table().AddColumns("Parked event (seq)", "Projection", "Error", "Parked at");
            foreach (var p in status.Parked)
            {
                parked.AddRow(QueryCommand.Cell(p.Sequence.ToString(CultureInfo.InvariantCulture)), QueryCommand.Cell(p.Projection),
                    QueryCommand.Cell(p.Error), QueryCommand.Cell(p.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            }

            QueryCommand.Show(parked, "events set aside; `replay` tries them again");
        }
    }
}
