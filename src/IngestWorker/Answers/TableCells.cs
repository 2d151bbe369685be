using System.Globalization;
using IngestWorker.Claims;
using Spectre.Console;

namespace IngestWorker.Answers;

/// <summary>How every table the CLI prints writes its cells: counts, dates, shortened text, a source in a few words.</summary>
public static class TableCells
{
    /// <summary>Short enough for a table cell: the outlet (else the title's start) and the published date.</summary>
    public static string SourceOf(ClaimSourceView source) =>
        $"{source.Outlet ?? Shorten(source.Title, 34)} ({Date(source.Published) ?? "undated"})";

    public static string Counted(int count, string one, string? many = null) =>
        FormattableString.Invariant($"{count} {(count == 1 ? one : many ?? one + "s")}");

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    public static Markup Cell(string? text) => new(Markup.Escape(text ?? "–"));

    public static void Show(Table table, string caption)
    {
        table.Border(TableBorder.Rounded).Caption(caption);
        Terminal.Out.Write(table);
    }
}
