using System.Globalization;
using Spectre.Console;

namespace IngestWorker.Bench;

/// <summary>The bench report as one table for people: each figure beside its raw limit, the ratio and the target.</summary>
public static class BenchTable
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("Date", Markup.Escape(report.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)));
        header.AddRow("Machine", Markup.Escape(report.Machine));
        header.AddRow("Server", Markup.Escape(report.Server));
        header.AddRow("Sizes", Markup.Escape(DescribeSizes(report.Sizes)));
        header.AddRow("Method", Markup.Escape(report.Method));
        console.Write(header);

        var table = new Table()
            .AddColumn("Part")
            .AddColumn("Figure")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn("Raw limit (same server, same run)")
            .AddColumn(new TableColumn("Ratio").RightAligned())
            .AddColumn("Target")
            .AddColumn("Met")
            .AddColumn(new TableColumn("Peak WS").RightAligned());
        foreach (var f in report.Figures)
        {
            table.AddRow(
                Markup.Escape(f.Part),
                Markup.Escape(f.Name),
                Markup.Escape(Amount(f.Value, f.Unit)),
                Markup.Escape(f.Limit is { } limit ? $"{Amount(limit, f.Unit)} {f.LimitName}" : "–"),
                Markup.Escape(Ratio(f)),
                Markup.Escape(f.Target is { } target ? Describe(target, f.Unit) : "–"),
                f.Met switch { true => "[green]yes[/]", false => "[red]NO[/]", null => "–" },
                Markup.Escape(Amount(f.PeakWorkingSetMb, "MB")));
        }

        console.Write(table);
    }

    public static string DescribeSizes(BenchSizes s) => FormattableString.Invariant(
        $"{s.Events:N0} events, each starting its stream, {s.Batch:N0} per append; {s.Articles:N0} articles at once and replayed; ")
        + FormattableString.Invariant($"{s.LatencyDrops:N0} latency drops; {s.Repetitions} repetition(s); claim density {s.Density.ToString().ToLowerInvariant()}");

    private static string Amount(double value, string unit) => unit switch
    {
        "ms" => string.Create(CultureInfo.InvariantCulture, $"{value:N1} ms"),
        "MB" => string.Create(CultureInfo.InvariantCulture, $"{value:N0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}"),
    };

    /// <summary>Rates: the share of the limit reached. Latencies: how many times the limit's time it took.</summary>
    private static string Ratio(BenchFigure f) => f.Ratio switch
    {
        null => "–",
        { } r when f.HigherIsBetter => string.Create(CultureInfo.InvariantCulture, $"{r:P0}"),
        { } r => string.Create(CultureInfo.InvariantCulture, $"{r:N1}× raw"),
    };

    private static string Describe(BenchTarget target, string unit) => target.Kind switch
    {
        TargetKind.RatioAtLeast => string.Create(CultureInfo.InvariantCulture, $"≥ {target.Threshold:P0} of raw"),
        TargetKind.ValueAtLeast => $"≥ {Amount(target.Threshold, unit)}",
        TargetKind.ValueBelow => $"< {Amount(target.Threshold, unit)}",
        _ => target.Kind.ToString(),
    };
}
