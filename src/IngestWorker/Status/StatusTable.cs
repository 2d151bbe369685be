using System.Globalization;
using IngestWorker.Answers;
using Spectre.Console;
using static IngestWorker.Answers.TableCells;

namespace IngestWorker.Status;

/// <summary>The status as <c>status</c> prints it for people: the counts, each projection's checkpoint and lag, the events set aside.</summary>
public static class StatusTable
{
    public static void Print(StatusReport status, string database)
    {
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("Database", Markup.Escape(database));
        summary.AddRow("Events", status.Events.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Articles", status.Articles.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Rejected files", status.Rejected.ToString("N0", CultureInfo.InvariantCulture));
        foreach (var rejection in status.RejectedByCode ?? [])
        {
            summary.AddRow($"  {rejection.Code}", rejection.Count.ToString("N0", CultureInfo.InvariantCulture));
        }

        summary.AddRow("Read model rules", status.ModelRulesVersion ?? "–");
        summary.AddRow("Read model extractor", status.ModelExtractorVersion ?? "–");
        summary.AddRow("Newest rules applied", status.LatestRulesVersion ?? "–");
        summary.AddRow("Inbox backlog", status.InboxBacklog?.ToString(CultureInfo.InvariantCulture) ?? "(no inbox folder here)");
        Terminal.Out.Write(summary);

        var table = new Table().AddColumns("Projection", "Checkpoint (seq)", "Lag (events)", "Updated");
        foreach (var p in status.Projections)
        {
            table.AddRow(Cell(p.Name), Cell(p.Checkpoint), Cell(p.Lag.ToString("N0", CultureInfo.InvariantCulture)),
                Cell(p.UpdatedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        Show(table, "projections");

        if (status.Poison.Count > 0)
        {
            var poison = new Table().AddColumns("Skipped event (seq)", "Projection", "Error", "Skipped at");
            foreach (var p in status.Poison.Latest)
            {
                poison.AddRow(Cell(p.Sequence.ToString(CultureInfo.InvariantCulture)), Cell(p.Projection),
                    Cell(p.Error), Cell(p.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            }

            Show(poison, $"{status.Poison.Count.ToString("N0", CultureInfo.InvariantCulture)} events the projections could not apply " +
                $"(the newest {status.Poison.Latest.Count} shown); `replay` tries them again");
        }
    }
}
