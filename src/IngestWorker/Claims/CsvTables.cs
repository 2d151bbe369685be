using System.Globalization;
using IngestWorker.Articles;
using IngestWorker.Exports;

namespace IngestWorker.Claims;

/// <summary>
/// Every query answer as one flat table, for <c>--format csv</c> and <c>?format=csv</c>: the columns a
/// spreadsheet user expects, named in words, one row per thing counted, dates as YYYY-MM-DD.
/// </summary>
public static class CsvTables
{
    public static string Articles(IEnumerable<ArticleSummary> articles) => Csv.Write(
        ["Title", "Outlet", "Published", "File", "Received", "Characters", "Copy of (outlet)", "Copy of (title)", "Copy of (stream id)", "Stream id"],
        articles.Select(a => Row(a.Title, a.Outlet, Date(a.Published), a.FileName, Time(a.ReceivedAt), Number(a.BodyLength),
            a.CopyOf?.Outlet, a.CopyOf?.Title, a.CopyOf?.StreamId, a.StreamId)));

    public static string Troops(IEnumerable<TroopCountView> troops) => Csv.Write(
        ["Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Quote", "Outlet", "Title", "Published", "Copy of (stream id)", "Stream id", "Rules version"],
        troops.Select(t => Row(t.Force, t.Location, t.Site, t.Kind, Number(t.Count), t.Bound, t.AsOf, t.Quote, t.Source.Outlet, t.Source.Title,
            Date(t.Source.Published), t.Source.CopyOf, t.Source.StreamId, t.RulesVersion)));

    /// <summary>One row per run of a status: a base's timeline, the current run last (on the page where the base ends).</summary>
    public static string Bases(IEnumerable<BaseStatusView> bases) => Csv.Write(
        ["Base", "Status", "From", "As of", "Until", "Current", "Statements", "Opening quote", "Opening outlet", "Opening published"],
        bases.SelectMany(b => b.Runs.Select((run, i) => Row(b.Base, run.Status, Date(run.From), run.Start, Date(run.End),
            !b.Continues && i == b.Runs.Count - 1 ? "yes" : "no", Number(run.StatementCount), run.Opening.Quote, run.Opening.Source.Outlet,
            Date(run.Opening.Source.Published)))));

    /// <summary>One row per statement about a base, in the order its timeline places them.</summary>
    public static string Statements(IEnumerable<BaseStatementView> statements) => Csv.Write(
        ["Status", "As of", "Quote", "Outlet", "Title", "Published", "Copy of (stream id)", "Stream id", "Rules version"],
        statements.Select(s => Row(s.Status, s.AsOf, s.Quote, s.Source.Outlet, s.Source.Title, Date(s.Source.Published), s.Source.CopyOf,
            s.Source.StreamId, s.RulesVersion)));

    /// <summary>One row per period of each series: the figure the reports support and how many independent reports say it.</summary>
    public static string History(IEnumerable<FigureSeries> history) => Csv.Write(
        ["Force", "Location", "Kind", "Period", "Precision", "Dated", "Figure", "Bound", "Reports", "Copies", "Disagreement", "Other figures",
         "Sources", "Latest outlet", "Latest published"],
        history.SelectMany(s => s.Points.Select(p => Row(s.Force, s.Location, s.Kind, p.Period, p.Precision, p.Dated ? "yes" : "no",
            Number(p.Count), p.Bound, Number(p.Reports), Number(p.Copies), p.Disagreement ? "yes" : "no",
            string.Join("; ", p.Figures.Skip(1).Select(f => $"{f.Bound} {Number(f.Count)} ({Number(f.Reports)})")),
            string.Join("; ", p.Figures[0].Sources.Select(r => string.Join(" + ", r.Outlets))),
            p.Latest.Outlet ?? p.Latest.Title, Date(p.Latest.Published)))));

    /// <summary>Report by report: one row per article behind each figure of each period (the reports each figure names inline).</summary>
    public static string HistoryDetail(IEnumerable<FigureSeries> history) => Csv.Write(
        ["Force", "Location", "Kind", "Period", "Figure", "Bound", "Supported", "Report (stream id)", "Outlet", "Title", "Published", "Copy", "Stream id"],
        history.SelectMany(s => s.Points.SelectMany(p => p.Figures.SelectMany((f, i) => f.Sources.SelectMany(r => r.Copies.Select(c =>
            Row(s.Force, s.Location, s.Kind, p.Period, Number(f.Count), f.Bound, i == 0 ? "yes" : "no", r.Report, c.Outlet, c.Title,
                Date(c.Published), c.CopyOf is null ? "no" : "yes", c.StreamId)))))));

    /// <summary>One row per article behind the figures of one point, as <c>/api/history/sources</c> lists them.</summary>
    public static string PointSources(IEnumerable<PointSourceView> sources) => Csv.Write(
        ["Figure", "Bound", "Supported", "Report (stream id)", "Outlet", "Title", "Published", "Copy", "Stream id"],
        sources.SelectMany(r => r.Copies.Select(c => Row(Number(r.Count), r.Bound, r.Supported ? "yes" : "no", r.Report, c.Outlet, c.Title,
            Date(c.Published), c.CopyOf is null ? "no" : "yes", c.StreamId))));

    private static string?[] Row(params string?[] fields) => fields;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
