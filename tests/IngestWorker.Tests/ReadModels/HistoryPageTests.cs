using System.Globalization;
using IngestWorker.Claims;
using IngestWorker.Paging;

namespace IngestWorker.Tests.ReadModels;

/// <summary>Pages of timelines end inside a series whose points are too many for one page, and go on from there.</summary>
public sealed class HistoryPageTests
{
    private static readonly ClaimSourceView Source = new("s1", "A title", "Wire", new DateOnly(2025, 1, 1), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_series_longer_than_a_page_is_continued_on_the_next_pages_and_they_add_up_to_the_whole()
    {
        // Points of weight 3 each (point, figure, one copy): series B weighs three budgets.
        IReadOnlyList<FigureSeries> all = [Series("A", 2), Series("B", PageRequest.MaxWeight), Series("C", 4)];

        var pages = AllPages(all, limit: 100);

        Assert.InRange(pages.Count, 3, 5);
        Assert.All(pages, page => Assert.True(page.Items.Sum(s => 1 + s.Points.Sum(HistoryPage.Weight)) <= PageRequest.MaxWeight));
        Assert.Equal(["A", "B"], pages[0].Items.Select(s => s.Location));
        Assert.All(pages[1..^1], page => Assert.Equal("B", Assert.Single(page.Items).Location));
        Assert.All(pages[..^1], page => Assert.True(page.Items[^1].Continues));
        Assert.Equal(["B", "C"], pages[^1].Items.Select(s => s.Location));
        Assert.False(pages[^1].Items[0].Continues);
        Assert.Equal(Periods(all), Periods(pages.SelectMany(p => p.Items).ToList()));
        Assert.All(pages, page => Assert.Equal(3, page.Total));
    }

    [Fact]
    public void A_page_holds_at_most_its_limit_of_series_and_the_next_page_starts_with_the_following_series()
    {
        IReadOnlyList<FigureSeries> all = [Series("A", 1), Series("B", 1), Series("C", 1)];

        var pages = AllPages(all, limit: 2);

        Assert.Equal([["A", "B"], ["C"]], pages.Select(p => p.Items.Select(s => s.Location).ToArray()));
    }

    [Fact]
    public void A_cursor_of_another_form_is_refused() =>
        Assert.Throws<BadPageRequestException>(() => HistoryPage.Position.Of("a\u001eb\u001ec"));

    /// <summary>Walks the pages as ClaimQueries does: each from the series its cursor names on.</summary>
    private static List<Page<FigureSeries>> AllPages(IReadOnlyList<FigureSeries> all, int limit)
    {
        var pages = new List<Page<FigureSeries>>();
        string? cursor = null;
        do
        {
            var after = HistoryPage.Position.Of(PageRequest.From(limit, cursor).After);
            var from = after is null ? all : all.Where(s => after.Point is null ? string.CompareOrdinal(s.Location, after.Series) > 0
                : string.CompareOrdinal(s.Location, after.Series) >= 0).ToList();
            var page = HistoryPage.Cut(from, s => s.Location, after, limit, all.Count, moreAfter: false);
            pages.Add(page);
            cursor = page.NextCursor;
            Assert.True(pages.Count < 100, "the pages must come to an end");
        }
        while (cursor is not null);

        return pages;
    }

    private static List<string> Periods(IReadOnlyList<FigureSeries> series) =>
        series.SelectMany(s => s.Points.Select(p => s.Location + " " + p.Period)).ToList();

    private static FigureSeries Series(string name, int points) => new("US", name, "level",
        Enumerable.Range(0, points).Select(i =>
        {
            var day = new DateOnly(2000, 1, 1).AddDays(i);
            var figure = new FigureView(100, "exact", 1, [new ReportView("s1", ["Wire"], [Source])]);
            return new TimelinePointView(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day", day, day, true, 100, "exact", 1, 1, Source,
                false, [figure]);
        }).ToList());
}
