using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Issue 17: a headline's status reaches the sites it names but yields to what the body says of them that day.</summary>
public sealed class HeadlineStatusTests
{
    [Fact]
    public void A_present_tense_headline_the_body_opens_with_yields_to_the_body()
    {
        var claims = Extract(null, "Iraqi troops take control of Camp Taji as allied soldiers depart\n\nOn Friday allied forces completed their withdrawal from Camp Taji.");
        Assert.Equal(("Camp Taji", SiteStatus.HandedOver), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void A_headline_apart_from_the_body_yields_to_what_the_body_says_that_day()
    {
        var claims = Extract("Allied soldiers are leaving Camp Taji", "All allied soldiers have left Camp Taji, officials said.");
        Assert.Equal(("Camp Taji", SiteStatus.HandedOver), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void A_headline_keeps_its_status_when_the_body_says_nothing_of_the_site()
    {
        var claims = Extract("Allied soldiers are leaving Camp Taji", "Officials praised the orderly convoy on Monday.");
        Assert.Equal(("Camp Taji", SiteStatus.WithdrawalStarted), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void A_headline_keeps_its_status_beside_a_body_telling_an_older_state()
    {
        var claims = Extract("Allied soldiers are leaving Camp Taji", "Camp Taji has hosted allied trainers since 2015.");
        Assert.Equal(
            [("Camp Taji", SiteStatus.Active), ("Camp Taji", SiteStatus.WithdrawalStarted)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    private static ArticleClaims Extract(string? title, string body)
    {
        var front = title is null ? "published: 2020-03-30" : $"title: \"{title}\"\npublished: 2020-03-30";
        var text = $"---\n{front}\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
