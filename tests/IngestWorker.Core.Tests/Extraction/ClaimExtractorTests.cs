using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class ClaimExtractorTests
{
    [Fact]
    public void A_range_gives_its_low_end_at_least_and_its_high_end_at_most()
    {
        var claims = Extract("published: 2023-03-10", "Between 2,000 and 2,500 U.S. troops are stationed in Iraq.");

        Assert.Equal(
            [(2000, Bound.AtLeast), (2500, Bound.AtMost)],
            claims.TroopCounts.Select(c => (c.Count, c.Bound)).ToList());
        Assert.All(claims.TroopCounts, c => Assert.Equal(("Iraq", TroopKind.Level, "2023-03-10"), (c.Location, c.Kind, c.AsOf)));
    }

    [Fact]
    public void A_range_written_with_to_is_a_range_too()
    {
        var claims = Extract("published: 2023-03-10", "The Pentagon will send 250 to 350 additional troops to Jordan.");
        Assert.Equal([(250, Bound.AtLeast, TroopKind.Increase), (350, Bound.AtMost, TroopKind.Increase)], claims.TroopCounts.Select(c => (c.Count, c.Bound, c.Kind)).ToList());
    }

    [Fact]
    public void From_one_figure_to_another_is_the_level_before_and_the_target_after()
    {
        var claims = Extract("published: 2020-08-24", "The U.S. will reduce its Iraq force from 5,200 to 3,000 troops by September 2026.");
        Assert.Equal(
            [(5200, TroopKind.Level, "2020-08-24"), (3000, TroopKind.Target, "2026-09")],
            claims.TroopCounts.Select(c => (c.Count, c.Kind, c.AsOf)).ToList());
    }

    [Fact]
    public void Numbers_in_words_are_read_and_vague_quantities_are_not()
    {
        var claims = Extract("published: 2024-01-01", "Two thousand American troops are in Syria. Hundreds of troops and a dozen advisers are in Jordan.");
        var figure = Assert.Single(claims.TroopCounts);
        Assert.Equal((2000, "Syria"), (figure.Count, figure.Location));
    }

    [Fact]
    public void The_same_statement_twice_gives_one_claim_with_the_first_quote()
    {
        var claims = Extract("published: 2024-01-01", "About 900 U.S. troops are in Syria, officials said.\n\nAbout 900 U.S. troops are in Syria.");
        var figure = Assert.Single(claims.TroopCounts);
        Assert.Equal("About 900 U.S. troops are in Syria, officials said.", figure.Quote);
    }

    [Fact]
    public void Coalition_troops_are_the_coalitions_and_unnamed_troops_follow_the_article()
    {
        var claims = Extract(
            "published: 2018-02-06",
            "Coalition troops numbered about 8,900 in Iraq. Coalition forces will leave Anbar. About 1,000 soldiers are in Kuwait.");
        Assert.All(claims.TroopCounts, c => Assert.Equal("Coalition", c.Force));
        Assert.Equal(2, claims.TroopCounts.Count);
    }

    [Fact]
    public void Percentages_money_casualties_militants_and_host_forces_are_not_troop_counts()
    {
        var claims = Extract(
            "published: 2024-01-01",
            "US troops in Iraq will be cut by about 20 percent. The mission costs $500 million. Three U.S. soldiers were killed. "
            + "About 3,000 Iraqi troops and 2,000 militants are in Anbar. Some 45,000 Peshmerga fighters guard Erbil.");
        Assert.Empty(claims.TroopCounts);
    }

    [Fact]
    public void There_resolves_to_the_place_named_last_and_a_base_gives_its_country_and_site()
    {
        var claims = Extract(
            "published: 2025-09-30",
            "Most forces moved to Erbil from Baghdad. About 300 troops remain there now. Some 350 U.S. personnel are deployed at Tower 22.");
        Assert.Contains(claims.TroopCounts, c => (c.Count, c.Location, c.Site) == (300, "Iraq", "Baghdad"));
        Assert.Contains(claims.TroopCounts, c => (c.Count, c.Location, c.Site) == (350, "Jordan", "Tower 22"));
    }

    [Fact]
    public void A_base_unknown_to_the_gazetteer_is_found_by_its_shape()
    {
        // (Camp Falcon is in the gazetteer now, so the made-up camp takes another bird.)
        var claims = Extract("published: 2025-05-01", "U.S. forces withdrew from K7 Air Base and Camp Kestrel Ridge last week.");
        Assert.Equal(["K7 Air Base", "Camp Kestrel Ridge"], claims.BaseStatuses.Select(s => s.Base).ToList());
        Assert.All(claims.BaseStatuses, s => Assert.Equal(SiteStatus.HandedOver, s.Status));
    }

    [Fact]
    public void On_a_weekday_is_that_day_before_publication()
    {
        var claims = Extract("published: 2019-10-14", "On Friday about 1,000 U.S. troops withdrew from Syria.");
        Assert.Equal((TroopKind.Reduction, "2019-10-11"), (claims.TroopCounts.Single().Kind, claims.TroopCounts.Single().AsOf));
    }

    [Fact]
    public void A_move_only_ordered_is_not_dated_by_the_day_of_the_order()
    {
        var claims = Extract("published: 2019-10-14", "On Friday the Pentagon ordered about 1,000 U.S. troops to withdraw from Syria.");
        Assert.Equal((TroopKind.Reduction, null), (claims.TroopCounts.Single().Kind, claims.TroopCounts.Single().AsOf));
    }

    private static ArticleClaims Extract(string frontMatter, string body)
    {
        var bytes = Encoding.UTF8.GetBytes($"---\n{frontMatter}\n---\n{body}\n");
        var article = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("a.md", bytes)).Article;
        return ClaimExtractor.Extract(article, ExtractionRules.Default);
    }
}
