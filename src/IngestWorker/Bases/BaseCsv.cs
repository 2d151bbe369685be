using IngestWorker.Core.Exports;
using IngestWorker.Core.Extraction;
using static IngestWorker.Core.Exports.CsvCells;

namespace IngestWorker.Bases;

/// <summary>The base answers as flat tables, for <c>--format csv</c> and <c>?format=csv</c>.</summary>
public static class BaseCsv
{
    /// <summary>One row per run of a status: a base's timeline, the current run last (on the page where the base ends).</summary>
    public static string Bases(IEnumerable<BaseStatusView> bases) => Csv.Write(
        ["Base", "Status", "From", "As of", "Until", "Current", "Statements", "Opening quote", "Opening outlet", "Opening published"],
        bases.SelectMany(b => b.Runs.Select((run, i) => Row(b.Base, run.Status.Word(), Date(run.From), run.Start, Date(run.End),
            !b.Continues && i == b.Runs.Count - 1 ? "yes" : "no", Number(run.StatementCount), run.Opening.Quote, run.Opening.Source.Outlet,
            Date(run.Opening.Source.Published)))));

    /// <summary>One row per statement about a base, in the order its timeline places them.</summary>
    public static string Statements(IEnumerable<BaseStatementView> statements) => Csv.Write(
        ["Status", "As of", "Quote", "Outlet", "Title", "Published", "Copy of (stream id)", "Stream id", "Rules version"],
        statements.Select(s => Row(s.Status.Word(), s.AsOf, s.Quote, s.Source.Outlet, s.Source.Title, Date(s.Source.Published), s.Source.CopyOf,
            s.Source.StreamId, s.RulesVersion)));
}
