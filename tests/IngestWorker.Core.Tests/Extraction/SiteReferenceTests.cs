using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Issue 17, references: "the base", "it", "the Anbar base" speak of the site named last, in sentences of our own.</summary>
public sealed class SiteReferenceTests
{
    [Fact]
    public void The_base_keeps_speaking_of_its_site_through_a_chain_of_references()
    {
        var claims = Extract(
            "Camp Buehring lies in the desert. Its gates were shut at dawn. A fire broke out in the base's fuel depot. Officials said the base has been vacated since March 3.");
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("Camp Buehring", SiteStatus.HandedOver, "2020-03-03"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void It_before_what_is_said_of_a_site_speaks_of_the_base_named_before()
    {
        var claims = Extract("Camp Lemonnier sits on the coast of Djibouti. Since the war began it has hosted American sailors.");
        Assert.Equal(("Camp Lemonnier", SiteStatus.Active), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void It_before_a_verb_with_a_site_of_its_own_is_no_reference()
    {
        var claims = Extract("Camp Lemonnier sits on the coast of Djibouti. The Navy said it is shutting down Camp Buehring.");
        Assert.Equal(("Camp Buehring", SiteStatus.WithdrawalStarted), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void A_region_told_as_the_place_of_a_base_speaks_of_that_base_not_the_region()
    {
        var claims = Extract("Al-Qaim sits close to the Syrian border. Some 300 allied soldiers are now leaving the Anbar base.");
        Assert.Equal(("Al-Qaim", SiteStatus.WithdrawalStarted), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    [Fact]
    public void A_site_with_its_noun_and_a_located_aside_is_the_subject_of_what_follows()
    {
        var claims = Extract("The Camp Speicher base, located some 100 miles north of Baghdad, Iraq, has been turned over by the Army.");
        Assert.Equal(("Camp Speicher", SiteStatus.HandedOver), Assert.Single(claims.BaseStatuses.Select(b => (b.Base, b.Status))));
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
