using IngestWorker.Core.Exports;
using static IngestWorker.Core.Exports.CsvCells;

namespace IngestWorker.Articles;

/// <summary>The articles as a flat table, for <c>--format csv</c> and <c>?format=csv</c>.</summary>
public static class ArticleCsv
{
    public static string Articles(IEnumerable<ArticleSummary> articles) => Csv.Write(
        ["Title", "Outlet", "Published", "File", "Received", "Characters", "Copy of (outlet)", "Copy of (title)", "Copy of (stream id)", "Stream id"],
        articles.Select(a => Row(a.Title, a.Outlet, Date(a.Published), a.FileName, Time(a.ReceivedAt), Number(a.BodyLength),
            a.CopyOf?.Outlet, a.CopyOf?.Title, a.CopyOf?.StreamId, a.StreamId)));
}
