using System.Globalization;
using Spectre.Console;

namespace IngestWorker.Bench;

/// <summary>The load report as one table for people: each figure with its target.</summary>
public static class LoadTable
{
    public static void Write(IAnsiConsole console, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("Date", Markup.Escape(report.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)));
        header.AddRow("Machine", Markup.Escape(report.Machine));
        header.AddRow("Load average", Markup.Escape(report.LoadAverage));
        header.AddRow("Server", Markup.Escape(report.Server));
        header.AddRow("Sizes", Markup.Escape(FormattableString.Invariant(
            $"{report.Sizes.Articles:N0} articles; {report.Sizes.Clients:N0} concurrent clients for {report.Sizes.Seconds:N0} s")));
        header.AddRow("Method", Markup.Escape(report.Method));
        console.Write(header);

        var table = new Table()
            .AddColumn("Figure")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn("Target")
            .AddColumn("Met");
        foreach (var f in report.Figures)
        {
            table.AddRow(
                Markup.Escape(f.Name),
                Markup.Escape(Amount(f.Value, f.Unit)),
                Markup.Escape(f.Target is { } target ? $"< {Amount(target.Threshold, f.Unit)}" : "–"),
                f.Met switch { true => "[green]yes[/]", false => "[red]NO[/]", null => "–" });
        }

        console.Write(table);
    }

    private static string Amount(double value, string unit) => unit switch
    {
        "ms" => string.Create(CultureInfo.InvariantCulture, $"{value:N0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}"),
    };
}
