using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Issue 17, lists under one verb: a status reaches every site of its list, in sentences of our own.</summary>
public sealed class SiteListTests
{
    [Fact]
    public void Sites_named_as_a_counted_group_in_the_next_sentence_share_its_status()
    {
        var claims = Extract("The army is closing four of its nine desert posts. The four are Camp Buehring, Camp Arifjan and two smaller camps.");
        Assert.Equal(
            [("Camp Arifjan", SiteStatus.WithdrawalStarted), ("Camp Buehring", SiteStatus.WithdrawalStarted)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_group_named_with_locators_gives_its_status_to_the_bases_only()
    {
        var claims = Extract(
            "A spokesman said withdrawals from two bases in the north are planned. He said the two bases were Camp Speicher near Tikrit, a city on the Tigris, and the K1 Air Base close to Kirkuk.");
        Assert.Equal(
            [("Camp Speicher", SiteStatus.WithdrawalPlanned), ("K1 Air Base", SiteStatus.WithdrawalPlanned)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_counted_group_is_not_named_by_a_sentence_far_after_it()
    {
        var claims = Extract(
            "The army is closing two of its camps. Rain fell for days. The roads flooded. Engineers repaired them. The two were Camp Buehring and Camp Arifjan.");
        Assert.Empty(claims.BaseStatuses);
    }

    [Fact]
    public void An_ordinal_site_shares_its_status_with_the_sites_listed_before_it()
    {
        var claims = Extract(
            "Camp Taji is the fourth site allied troops have vacated this spring, following K1 in Kirkuk, Al-Qaim near the border and, last week, the Al-Sqoor base inside Mosul.");
        Assert.Equal(
            [("Al-Qaim", SiteStatus.HandedOver), ("Al-Sqoor Base", SiteStatus.HandedOver), ("Camp Taji", SiteStatus.HandedOver), ("K1 Air Base", SiteStatus.HandedOver)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void Sites_opened_by_namely_share_the_status_and_an_unnamed_base_gives_its_city()
    {
        var claims = Extract("Commanders want to bring the advisers together at two locations, namely Harir Air Base and a compound in Baghdad.");
        Assert.Equal(
            [("Baghdad", SiteStatus.ReceivingForces), ("Harir Air Base", SiteStatus.ReceivingForces)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_list_goes_on_past_an_item_the_rules_do_not_know()
    {
        var claims = Extract("The order foresees a planned departure from Erbil's airport, the walled Old Citadel and the Union III compound.");
        Assert.Equal(
            [("Erbil Air Base", SiteStatus.WithdrawalPlanned), ("Union III", SiteStatus.WithdrawalPlanned)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_listed_site_may_open_with_modifiers_of_its_own()
    {
        var claims = Extract("Allied crews vacated Camp Taji, the sprawling walled Union III and Camp Buehring.");
        Assert.Equal(
            [("Camp Buehring", SiteStatus.HandedOver), ("Camp Taji", SiteStatus.HandedOver), ("Union III", SiteStatus.HandedOver)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_region_told_as_the_owner_of_a_city_is_no_item_of_its_list()
    {
        var claims = Extract("Two companies relocated to Erbil, the Kurdistan Region's capital, last week.");
        Assert.Equal([("Erbil", SiteStatus.ReceivingForces)], claims.BaseStatuses.Select(b => (b.Base, b.Status)).ToList());
    }

    [Fact]
    public void A_list_goes_on_past_a_bracketed_aside()
    {
        var claims = Extract("Last spring allied crews vacated Camp Taji (once called Camp Cooke by the Americans) and Union III.");
        Assert.Equal(
            [("Camp Taji", SiteStatus.HandedOver), ("Union III", SiteStatus.HandedOver)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void Areas_listed_after_including_share_the_status_of_a_move_to_them()
    {
        var claims = Extract("Extra trainers will be sent to the most restless provinces, including Diyala province and the Kurdistan Region.");
        Assert.Equal(
            [("Diyala Province", SiteStatus.ReceivingForces), ("Kurdistan Region", SiteStatus.ReceivingForces)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void Places_listed_after_including_that_are_no_bases_stay_out_when_the_noun_speaks_of_bases()
    {
        var claims = Extract("The army is closing several outposts, including Camp Buehring and the depot near Kuwait City.");
        Assert.Equal([("Camp Buehring", SiteStatus.WithdrawalStarted)], claims.BaseStatuses.Select(b => (b.Base, b.Status)).ToList());
    }

    [Fact]
    public void A_bare_code_of_a_listed_base_names_that_base()
    {
        var status = Assert.Single(Extract("K1 has housed allied advisers since 2017.").BaseStatuses);
        Assert.Equal(("K1 Air Base", SiteStatus.Active, "2017"), (status.Base, status.Status, status.AsOf));
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
