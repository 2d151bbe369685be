using System.Globalization;
using IngestWorker.Bases;
using IngestWorker.Claims;
using IngestWorker.Troops;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;

namespace IngestWorker.Tests.ReadModels;

/// <summary>Pages of timelines and of bases end inside a series or base too long for one page, and go on from there.</summary>
public sealed class PageShapesTests
{
    private static readonly ClaimSourceView Source = new("s1", "A title", "Wire", new DateOnly(2025, 1, 1), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_series_longer_than_a_page_is_continued_on_the_next_pages_and_they_add_up_to_the_whole()
    {
        // Points of weight 3 each (point, figure, one copy): series B weighs three budgets.
        IReadOnlyList<FigureSeries> all = [Series("A", 2), Series("B", PageRequest.MaxWeight), Series("C", 4)];

        var pages = AllPages(all, limit: 100);

        Assert.InRange(pages.Count, 3, 5);
        Assert.All(pages, page => Assert.True(page.Items.Sum(s => 1 + s.Points.Sum(TimelinePageShape.Weight)) <= PageRequest.MaxWeight));
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
    public void A_base_with_more_runs_than_a_page_holds_goes_on_over_pages_its_statements_with_its_first_piece_and_one_run_current()
    {
        var statement = new BaseStatementView(SiteStatus.WithdrawalStarted, "2025-03-01", "US forces are leaving.", "rules", Source);
        var runs = Enumerable.Range(0, PageRequest.MaxWeight * 2).Select(i => new StatusRunView(i % 2 == 0 ? SiteStatus.Active : SiteStatus.WithdrawalStarted,
            null, new DateOnly(2000, 1, 1).AddDays(i), new DateOnly(2000, 1, 2).AddDays(i), statement, 1)).ToList();
        var asad = new BaseStatusView("Ain al-Asad Air Base", SiteStatus.WithdrawalStarted, null, null, [statement, statement], runs);
        IReadOnlyList<BaseStatusView> all = [asad, asad with { Base = "K1 Air Base", Runs = runs[..3] }];

        var pages = AllPages(all, BasePageShape.Shape, b => b.Base);
        var pieces = pages.SelectMany(p => p.Items).Where(b => b.Base == asad.Base).ToList();

        Assert.InRange(pages.Count, 3, 6);
        Assert.Equal(runs, pieces.SelectMany(b => b.Runs));
        Assert.Equal(2, pieces[0].Statements.Count);
        Assert.All(pieces.Skip(1), b => Assert.Empty(b.Statements));
        Assert.All(pieces[..^1], b => Assert.True(b.Continues));
        Assert.Equal("K1 Air Base", pages[^1].Items[^1].Base);
        Assert.Equal(2, BaseCsv.Bases(pages.SelectMany(p => p.Items)).Split("\r\n").Count(row => row.Contains(",yes,", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_cursor_of_another_form_is_refused() =>
        Assert.Throws<BadPageRequestException>(() => PiecewisePage.Position.Of("a\u001eb\u001ec"));

    private static List<Page<FigureSeries>> AllPages(IReadOnlyList<FigureSeries> all, int limit) =>
        AllPages(all, TimelinePageShape.For(s => s.Location), s => s.Location, limit);

    /// <summary>Walks the pages as TroopQueries and BaseQueries do: each from the item its cursor names on.</summary>
    private static List<Page<T>> AllPages<T, TPart>(IReadOnlyList<T> all, PieceShape<T, TPart> shape, Func<T, string> key, int limit = 100)
    {
        var pages = new List<Page<T>>();
        string? cursor = null;
        do
        {
            var after = PiecewisePage.Position.Of(PageRequest.From(limit, cursor).After);
            var from = after is null ? all : all.Where(s => after.Part is null ? string.CompareOrdinal(key(s), after.Item) > 0
                : string.CompareOrdinal(key(s), after.Item) >= 0).ToList();
            var page = PiecewisePage.Cut(from, shape, after, limit, all.Count, moreAfter: false);
            pages.Add(page);
            cursor = page.NextCursor;
            Assert.True(pages.Count < 100, "the pages must come to an end");
        }
        while (cursor is not null);

        return pages;
    }

    private static List<string> Periods(IReadOnlyList<FigureSeries> series) =>
        series.SelectMany(s => s.Points.Select(p => s.Location + " " + p.Period)).ToList();

    private static FigureSeries Series(string name, int points) => new("US", name, TroopKind.Level,
        Enumerable.Range(0, points).Select(i =>
        {
            var day = new DateOnly(2000, 1, 1).AddDays(i);
            var figure = new FigureView(100, Bound.Exact, 1, [new ReportView("s1", ["Wire"], [Source])]);
            return new TimelinePointView(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day", day, day, true, 100, Bound.Exact, 1, 1, Source,
                false, [figure]);
        }).ToList());
}
