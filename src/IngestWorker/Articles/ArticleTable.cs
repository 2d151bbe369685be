using System.Globalization;
using Spectre.Console;
using static IngestWorker.Answers.TableCells;

namespace IngestWorker.Articles;

/// <summary>The articles as <c>query articles</c> prints them for people.</summary>
public static class ArticleTable
{
    public static Table Of(IReadOnlyList<ArticleSummary> articles)
    {
        var table = new Table().AddColumns("Title", "Outlet", "Published", "File", "Received", "Chars", "Copy of");
        foreach (var a in articles)
        {
            table.AddRow(Cell(Shorten(a.Title, 60)), Cell(a.Outlet), Cell(Date(a.Published)), Cell(a.FileName),
                Cell(a.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Cell(a.BodyLength.ToString(CultureInfo.InvariantCulture)),
                Cell(a.CopyOf is { } original ? $"{original.Outlet ?? Shorten(original.Title, 34)} ({Date(original.Published) ?? "undated"})" : null));
        }

        return table;
    }
}
