using IngestWorker.Core.Extraction;
using IngestWorker.Core.Timelines;

namespace IngestWorker.Core.Tests.Timelines;

public sealed class TroopTimelineTests
{
    private static TroopReport<string> Report(int count, string? asOf, string published, string report, Bound bound = Bound.Approximately,
        TroopKind kind = TroopKind.Level, string article = "") =>
        new("US", "Iraq", kind, count, bound, asOf, DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), report,
            article.Length > 0 ? article : report);

    [Fact]
    public void A_figure_dated_to_its_own_period_stays_there_whenever_it_was_reported()
    {
        var series = Assert.Single(TroopTimeline.Build([
            Report(170_000, "2007", "2025-09-30", "r1"),
            Report(2500, "2025-01", "2025-09-30", "r1"),
        ]));

        Assert.Equal(["2007", "2025-01"], series.Points.Select(p => p.Period.Key));
        Assert.Equal(Period.Year, series.Points[0].Period.Precision);
        Assert.Equal(Period.Month, series.Points[1].Period.Precision);
    }

    [Fact]
    public void Copies_of_one_report_count_once_and_the_figure_most_reports_support_wins()
    {
        var point = Assert.Single(Assert.Single(TroopTimeline.Build([
            Report(2500, "2025-01", "2025-09-30", "wire", article: "a1"),
            Report(2500, "2025-01", "2025-10-01", "wire", article: "a3"),
            Report(2400, "2025-01", "2025-10-02", "own1"),
            Report(2400, "2025-01", "2025-10-03", "own2"),
        ])).Points);

        Assert.Equal(2400, point.Count);
        Assert.Equal(2, point.Reports);
        Assert.True(point.Disagreement);
        Assert.Equal("own2", point.Latest);
        var wire = Assert.Single(point.Figures, f => f.Count == 2500);
        var report = Assert.Single(wire.Reports);
        Assert.Equal(["a1", "a3"], report.Copies);
    }

    [Fact]
    public void Two_ends_of_a_range_do_not_disagree()
    {
        var point = Assert.Single(Assert.Single(TroopTimeline.Build([
            Report(2000, "2025", "2025-09-30", "r1", Bound.AtLeast),
            Report(2500, "2025", "2025-09-30", "r1", Bound.AtMost),
        ])).Points);

        Assert.False(point.Disagreement);
        Assert.Equal(2, point.Figures.Count);
    }

    [Fact]
    public void An_undated_figure_sits_in_the_year_it_was_reported_apart_from_dated_ones()
    {
        var series = Assert.Single(TroopTimeline.Build([
            Report(2000, null, "2025-09-30", "r1", Bound.AtMost, TroopKind.Target),
            Report(1900, "2025", "2025-09-30", "r2", Bound.AtMost, TroopKind.Target),
        ]));

        Assert.Equal(2, series.Points.Count);
        Assert.Contains(series.Points, p => p is { Dated: false, Count: 2000 } && p.Period.Key == "2025");
        Assert.False(series.HasDisagreement);
    }

    [Fact]
    public void An_undated_figure_of_a_copy_sits_with_its_original()
    {
        var point = Assert.Single(Assert.Single(TroopTimeline.Build([
            Report(2000, null, "2025-09-30", "wire", Bound.AtMost, TroopKind.Target, "original"),
            Report(2000, null, "2026-01-02", "wire", Bound.AtMost, TroopKind.Target, "copy"),
        ])).Points);

        Assert.Equal("2025", point.Period.Key);
        Assert.Equal((1, 2), (point.Reports, point.Copies));
    }

    [Fact]
    public void Series_are_one_per_force_place_and_kind_levels_first()
    {
        var all = TroopTimeline.Build([
            Report(2000, null, "2025-09-30", "r1", Bound.AtMost, TroopKind.Target),
            Report(2500, "2025-01", "2025-09-30", "r1"),
            Report(2500, "2025-01", "2025-09-30", "r2") with { Force = "Coalition" },
        ]);

        Assert.Equal(["Coalition Iraq level", "US Iraq level", "US Iraq target"], all.Select(s => $"{s.Force} {s.Location} {s.Kind.Word()}"));
    }

    [Theory]
    [InlineData("2025", "year", "2025-01-01", "2025-12-31")]
    [InlineData("2024-02", "month", "2024-02-01", "2024-02-29")]
    [InlineData("2025-09-30", "day", "2025-09-30", "2025-09-30")]
    public void Periods_read_as_precisely_as_written(string text, string precision, string start, string end)
    {
        var period = Period.Parse(text)!;

        Assert.Equal(precision, period.Precision);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2025-13")]
    [InlineData("")]
    public void Anything_else_is_no_period(string text) => Assert.Null(Period.Parse(text));
}
