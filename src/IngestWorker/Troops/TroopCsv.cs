using IngestWorker.Core.Exports;
using IngestWorker.Core.Extraction;
using static IngestWorker.Core.Exports.CsvCells;

namespace IngestWorker.Troops;

/// <summary>
/// The troop answers as flat tables, for <c>--format csv</c> and <c>?format=csv</c>: the columns a
/// spreadsheet user expects, named in words, one row per thing counted, dates as YYYY-MM-DD.
/// </summary>
public static class TroopCsv
{
    public static string Troops(IEnumerable<TroopCountView> troops) => Csv.Write(
        ["Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Quote", "Outlet", "Title", "Published", "Copy of (stream id)", "Stream id", "Rules version"],
        troops.Select(t => Row(t.Force, t.Location, t.Site, t.Kind.Word(), Number(t.Count), t.Bound.Word(), t.AsOf, t.Quote, t.Source.Outlet, t.Source.Title,
            Date(t.Source.Published), t.Source.CopyOf, t.Source.StreamId, t.RulesVersion)));

    /// <summary>One row per period of each series: the figure the reports support and how many independent reports say it.</summary>
    public static string History(IEnumerable<FigureSeries> history) => Csv.Write(
        ["Force", "Location", "Kind", "Period", "Precision", "Dated", "Figure", "Bound", "Reports", "Copies", "Disagreement", "Other figures",
         "Sources", "Latest outlet", "Latest published"],
        history.SelectMany(s => s.Points.Select(p => Row(s.Force, s.Location, s.Kind.Word(), p.Period, p.Precision, p.Dated ? "yes" : "no",
            Number(p.Count), p.Bound.Word(), Number(p.Reports), Number(p.Copies), p.Disagreement ? "yes" : "no",
            string.Join("; ", p.Figures.Skip(1).Select(f => $"{f.Bound.Word()} {Number(f.Count)} ({Number(f.Reports)})")),
            string.Join("; ", p.Figures[0].Sources.Select(r => string.Join(" + ", r.Outlets))),
            p.Latest.Outlet ?? p.Latest.Title, Date(p.Latest.Published)))));

    /// <summary>Report by report: one row per article behind each figure of each period (the reports each figure names inline).</summary>
    public static string HistoryDetail(IEnumerable<FigureSeries> history) => Csv.Write(
        ["Force", "Location", "Kind", "Period", "Figure", "Bound", "Supported", "Report (stream id)", "Outlet", "Title", "Published", "Copy", "Stream id"],
        history.SelectMany(s => s.Points.SelectMany(p => p.Figures.SelectMany((f, i) => f.Sources.SelectMany(r => r.Copies.Select(c =>
            Row(s.Force, s.Location, s.Kind.Word(), p.Period, Number(f.Count), f.Bound.Word(), i == 0 ? "yes" : "no", r.Report, c.Outlet, c.Title,
                Date(c.Published), c.CopyOf is null ? "no" : "yes", c.StreamId)))))));

    /// <summary>One row per article behind the figures of one point, as <c>/api/history/sources</c> lists them.</summary>
    public static string PointSources(IEnumerable<PointSourceView> sources) => Csv.Write(
        ["Figure", "Bound", "Supported", "Report (stream id)", "Outlet", "Title", "Published", "Copy", "Stream id"],
        sources.SelectMany(r => r.Copies.Select(c => Row(Number(r.Count), r.Bound.Word(), r.Supported ? "yes" : "no", r.Report, c.Outlet, c.Title,
            Date(c.Published), c.CopyOf is null ? "no" : "yes", c.StreamId))));
}
