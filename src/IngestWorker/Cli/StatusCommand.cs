using System.CommandLine;
using IngestWorker.Hosting;
using IngestWorker.Inbox;
using IngestWorker.Projections;
using IngestWorker.Status;

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

            StatusTable.Print(status, session.DatabaseDescription);
            return 0;
        });
        return command;
    }
}
