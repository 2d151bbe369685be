using System.Globalization;
using IngestWorker.Core.Extraction;
using Spectre.Console;
using static IngestWorker.Answers.TableCells;

namespace IngestWorker.Troops;

/// <summary>The troop answers as <c>query troops</c>, <c>query history</c> and <c>query sources</c> print them for people.</summary>
public static class TroopTables
{
    public static Table Troops(IReadOnlyList<TroopCountView> troops)
    {
        var table = new Table().AddColumns("Force", "Location", "Site", "Kind", "Count", "Bound", "As of", "Source");
        foreach (var t in troops)
        {
            table.AddRow(Cell(t.Force), Cell(t.Location), Cell(t.Site), Cell(t.Kind.Word()), Cell(t.Count.ToString("N0", CultureInfo.InvariantCulture)),
                Cell(t.Bound.Word()), Cell(t.AsOf), Cell(SourceOf(t.Source)));
        }

        return table;
    }

    public static Table Sources(IReadOnlyList<PointSourceView> sources)
    {
        var table = new Table().AddColumns("Figure", "Report", "Outlets", "Copies");
        foreach (var s in sources)
        {
            table.AddRow(Cell($"{s.Bound.Word()} {s.Count.ToString("N0", CultureInfo.InvariantCulture)}{(s.Supported ? " (supported)" : "")}"),
                Cell(s.Report[..Math.Min(s.Report.Length, 20)]), Cell(string.Join(" + ", s.Outlets.Select(o => Shorten(o, 34)))),
                Cell(string.Join("\n", s.Copies.Select(c => (c.CopyOf is null ? "" : "copy: ") + SourceOf(c)))));
        }

        return table;
    }

    public static Table Series(IReadOnlyList<FigureSeries> history)
    {
        var table = new Table().AddColumns("Series", "Period", "Figure", "Reports", "Sources", "Latest report", "Other figures");
        foreach (var series in history)
        {
            foreach (var (p, i) in series.Points.Select((p, i) => (p, i)))
            {
                table.AddRow(
                    Cell(i == 0 ? $"{series.Force} {series.Location} {series.Kind.Word()}" : ""),
                    Cell(p.Dated ? p.Period : $"({p.Period}, undated)"),
                    Cell($"{p.Bound.Word()} {p.Count.ToString("N0", CultureInfo.InvariantCulture)}"),
                    Cell(p.Copies > p.Reports ? $"{p.Reports} ({p.Copies} copies)" : p.Reports.ToString(CultureInfo.InvariantCulture)),
                    Cell(string.Join("; ", p.Figures[0].Sources.Select(r => string.Join(" + ", r.Outlets.Select(o => Shorten(o, 34)))))),
                    Cell(SourceOf(p.Latest)),
                    !p.Disagreement ? Cell(string.Join(", ", p.Figures.Skip(1).Select(Figure)))
                        : new Markup($"[red]⚠ {Markup.Escape(string.Join(", ", p.Figures.Skip(1).Select(Figure)))}[/]"));
            }
        }

        return table;
    }

    public static Table Detail(IReadOnlyList<FigureSeries> history)
    {
        var table = new Table().AddColumns("Series", "Period", "Figure", "Report", "Copy");
        foreach (var series in history)
        {
            foreach (var p in series.Points)
            {
                foreach (var f in p.Figures)
                {
                    foreach (var report in f.Sources)
                    {
                        foreach (var copy in report.Copies)
                        {
                            table.AddRow(Cell($"{series.Force} {series.Location} {series.Kind.Word()}"), Cell(p.Period), Cell(Figure(f)),
                                Cell(report.Report[..Math.Min(report.Report.Length, 20)]), Cell((copy.CopyOf is null ? "" : "copy: ") + SourceOf(copy)));
                        }
                    }
                }
            }
        }

        return table;
    }

    private static string Figure(FigureView f) =>
        $"{f.Bound.Word()} {f.Count.ToString("N0", CultureInfo.InvariantCulture)} ({Counted(f.Reports, "report")})";
}
