using IngestWorker.Core.Paging;

namespace IngestWorker.Core.Tests.Paging;

public sealed class PageRequestTests
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "e"];

    [Fact]
    public void Pages_follow_one_another_by_cursor_to_the_end()
    {
        var first = PageRequest.From(2, null).Take(Keys, k => k);
        var second = PageRequest.From(2, first.NextCursor).Take(Keys, k => k);
        var last = PageRequest.From(2, second.NextCursor).Take(Keys, k => k);

        Assert.Equal(["a", "b"], first.Items);
        Assert.Equal(["c", "d"], second.Items);
        Assert.Equal(["e"], last.Items);
        Assert.Null(last.NextCursor);
        Assert.All(new[] { first, second, last }, page => Assert.Equal(5, page.Total));
    }

    [Fact]
    public void A_cursor_names_a_key_so_a_row_added_before_it_does_not_shift_the_next_page()
    {
        var first = PageRequest.From(2, null).Take(Keys, k => k);
        string[] grown = ["0", .. Keys];

        Assert.Equal(["c", "d"], PageRequest.From(2, first.NextCursor).Take(grown, k => k).Items);
    }

    [Fact]
    public void A_page_of_heavy_items_ends_before_its_rows_pass_the_budget_and_the_next_page_goes_on_from_there()
    {
        // Items of 45 % of the budget each: two fit, a third would pass it.
        var weight = PageRequest.MaxWeight * 45 / 100;
        var heavy = PageRequest.From(100, null).Take(Keys, k => k, _ => weight);
        var next = PageRequest.From(100, heavy.NextCursor).Take(Keys, k => k, _ => weight);

        Assert.Equal(["a", "b"], heavy.Items);
        Assert.Equal(["c", "d"], next.Items);
        Assert.Equal(5, heavy.Total);
    }

    [Fact]
    public void An_item_heavier_than_the_whole_budget_still_makes_a_page_of_its_own()
    {
        var page = PageRequest.From(100, null).Take(Keys, k => k, k => k == "a" ? PageRequest.MaxWeight * 10 : 1);

        Assert.Equal(["a"], page.Items);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public void A_list_in_an_order_of_its_own_pages_by_position_and_keeps_that_order()
    {
        string[] ordered = ["c", "a", "b"];

        var first = PageRequest.From(2, null).TakeInOrder(ordered);
        var second = PageRequest.From(2, first.NextCursor).TakeInOrder(ordered);

        Assert.Equal(["c", "a"], first.Items);
        Assert.Equal(["b"], second.Items);
        Assert.Null(second.NextCursor);
        Assert.Equal(3, second.Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_limit_out_of_range_is_refused(int limit) =>
        Assert.Throws<BadPageRequestException>(() => PageRequest.From(limit, null));

    [Fact]
    public void A_cursor_not_made_here_is_refused() =>
        Assert.Throws<BadPageRequestException>(() => PageRequest.From(null, "*not base64*"));

    [Fact]
    public void No_limit_means_the_default() => Assert.Equal(PageRequest.DefaultLimit, PageRequest.From(null, null).Limit);
}
