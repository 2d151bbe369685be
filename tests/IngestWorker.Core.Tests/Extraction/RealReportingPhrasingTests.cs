using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Kinds of phrasing real reports use (issue 9), each in words of our own.</summary>
public sealed class RealReportingPhrasingTests
{
    [Theory]
    [InlineData("The coalition turned over Camp Taji to the Iraqi security forces.", "Camp Taji", SiteStatus.HandedOver)]
    [InlineData("Forces handed control of Al-Taqaddum Air Base over to the Iraqi army.", "Taqaddum Air Base", SiteStatus.HandedOver)]
    [InlineData("Balad Air Base reverted to Iraqi control this week.", "Joint Base Balad", SiteStatus.HandedOver)]
    [InlineData("The US military completed its pullout from the al-Qaim base.", "Al-Qaim", SiteStatus.HandedOver)]
    [InlineData("Coalition vehicles were transported out of K1 Air Base.", "K1 Air Base", SiteStatus.WithdrawalStarted)]
    [InlineData("The military is shutting down Mission Support Site Euphrates.", "Mission Support Site Euphrates", SiteStatus.WithdrawalStarted)]
    [InlineData("US troops will operate out of Erbil Air Base.", "Erbil Air Base", SiteStatus.ReceivingForces)]
    [InlineData("Coalition troops would pull out of Harir Air Base next year.", "Harir Air Base", SiteStatus.WithdrawalPlanned)]
    public void A_split_or_indirect_status_verb_gives_the_status(string sentence, string site, SiteStatus status)
    {
        var claims = Extract(sentence);
        Assert.Contains((site, status), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void A_base_located_by_its_province_takes_the_status_said_after_the_province()
    {
        var claims = Extract("The K1 Air Base in Kirkuk province was handed over to the Iraqi army.");
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("K1 Air Base", SiteStatus.HandedOver), (status.Base, status.Status));
    }

    [Fact]
    public void Hosting_troops_since_a_year_is_active_as_of_that_year()
    {
        var claims = Extract("Since 2017 Harir Air Base has hosted allied service members.");
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("Harir Air Base", SiteStatus.Active, "2017"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void Troops_somewhere_in_and_around_a_region_are_not_a_troop_count()
    {
        var claims = Extract("The buildup has reached 194,000 in and around the Gulf, officials say.");
        Assert.Empty(claims.TroopCounts);
    }

    [Fact]
    public void The_size_of_an_audience_is_not_a_troop_count()
    {
        var claims = Extract("Obama told troops in Iraq and the audience of about 2,000 that the war would end.");
        Assert.Empty(claims.TroopCounts);
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\ntitle: t\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
