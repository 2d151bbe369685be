using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Kinds of base-status phrasing of issue 9, each written in sentences of our own.</summary>
public sealed class BaseStatusPhrasingTests
{
    [Theory]
    [InlineData("The Marines turned Camp Falcon over to the Iraqi police.", "Camp Falcon", SiteStatus.HandedOver)]
    [InlineData("Iraqi troops took control of Camp Speicher on Sunday.", "Camp Speicher", SiteStatus.HandedOver)]
    [InlineData("The army said it had taken control of Camp Speicher.", "Camp Speicher", SiteStatus.HandedOver)]
    [InlineData("Camp Speicher and Camp Taji reverted to Iraqi control.", "Camp Taji", SiteStatus.HandedOver)]
    [InlineData("Camp Buehring will serve as a hub for units leaving Iraq.", "Camp Buehring", SiteStatus.ReceivingForces)]
    [InlineData("The brigade had carried out an orderly withdrawal from Kobani.", "Kobani", SiteStatus.HandedOver)]
    [InlineData("Soldiers were still pulling out of Kobani.", "Kobani", SiteStatus.WithdrawalStarted)]
    [InlineData("Coalition forces withdrew from K1 Air Base in Kirkuk, then Camp Taji, then Q-West.", "Qayyarah Airfield West", SiteStatus.HandedOver)]
    [InlineData("Camp Taji became the fourth site to be vacated by coalition forces.", "Camp Taji", SiteStatus.HandedOver)]
    [InlineData("Iraqi forces took control of the al-Sqoor base.", "Al-Sqoor Base", SiteStatus.HandedOver)]
    [InlineData("Coalition forces pulled out of the Taqaddum military airport.", "Taqaddum Air Base", SiteStatus.HandedOver)]
    public void A_status_phrasing_gives_the_status(string sentence, string site, SiteStatus status)
    {
        var claims = Extract(sentence);
        Assert.Contains((site, status), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void Taking_control_of_a_city_is_no_handover_of_a_base()
    {
        Assert.Empty(Extract("Rebel fighters took control of Aleppo after a week of fighting.").BaseStatuses);
    }

    [Fact]
    public void Sites_listed_after_one_status_verb_share_it_and_its_date()
    {
        var claims = Extract("Coalition troops vacated Camp Speicher, Q4 and Camp Taji, also known as Taji Air Base, in January.");
        Assert.Equal(
            [("Camp Speicher", "2020-01"), ("Camp Taji", "2020-01"), ("Q4", "2020-01")],
            claims.BaseStatuses.Where(b => b.Status == SiteStatus.HandedOver).Select(b => (b.Base, b.AsOf)).Order().ToList());
    }

    [Fact]
    public void A_list_taken_up_again_after_an_aside_shares_the_status()
    {
        var claims = Extract("The Army completed its pullout from Camp Speicher, a sprawling post north of Baghdad, as well as from the Camp Taji complex.");
        Assert.Contains(("Camp Taji", SiteStatus.HandedOver), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
        Assert.Contains(("Camp Speicher", SiteStatus.HandedOver), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void Only_part_of_a_force_leaving_is_a_withdrawal_under_way()
    {
        Assert.Equal(SiteStatus.WithdrawalStarted, Assert.Single(Extract("At least 400 soldiers had departed Camp Speicher by then.").BaseStatuses).Status);
        Assert.Equal(SiteStatus.HandedOver, Assert.Single(Extract("All coalition personnel departed Camp Speicher.").BaseStatuses).Status);
    }

    [Fact]
    public void A_departure_told_in_the_future_is_a_plan()
    {
        var status = Assert.Single(Extract("Officials said the soldiers would be pulled out of Camp Speicher.").BaseStatuses);
        Assert.Equal(("Camp Speicher", SiteStatus.WithdrawalPlanned), (status.Base, status.Status));
    }

    [Fact]
    public void A_departure_with_no_object_speaks_of_the_base_named_just_before()
    {
        var claims = Extract("Camp Speicher was the largest post in the north. The last soldiers will leave in the coming weeks.");
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("Camp Speicher", SiteStatus.WithdrawalPlanned, "2020-03-30"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void A_departure_with_no_object_speaks_of_the_one_site_its_sentence_names()
    {
        var status = Assert.Single(Extract("Camp Speicher once held 3,000 soldiers, most of whom have left.").BaseStatuses);
        Assert.Equal(("Camp Speicher", SiteStatus.WithdrawalStarted), (status.Base, status.Status));
    }

    [Fact]
    public void There_speaks_of_the_base_named_before()
    {
        var claims = Extract("Camp Lemonnier sits near the port in Djibouti. About 4,000 Americans are based there.");
        Assert.Contains(("Camp Lemonnier", SiteStatus.Active), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void An_aside_after_a_site_does_not_part_it_from_its_status()
    {
        var status = Assert.Single(Extract("Camp Lemonnier, a former French outpost on the coast, has hosted American forces since 2002.").BaseStatuses);
        Assert.Equal(("Camp Lemonnier", SiteStatus.Active, "2002"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void A_date_on_the_telling_dates_what_is_told()
    {
        var status = Assert.Single(Extract("He said on Friday that 300 soldiers had already departed the al-Sqoor base and more would follow.").BaseStatuses);
        Assert.Equal(("Al-Sqoor Base", SiteStatus.WithdrawalStarted, "2020-03-27"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void A_day_named_beside_still_dates_the_move()
    {
        var status = Assert.Single(Extract("On Saturday, soldiers were still pulling out of Camp Speicher.").BaseStatuses);
        Assert.Equal((SiteStatus.WithdrawalStarted, "2020-03-28"), (status.Status, status.AsOf));
    }

    [Fact]
    public void Hosting_is_active_for_a_base_but_not_for_a_city()
    {
        Assert.Equal(SiteStatus.Active, Assert.Single(Extract("Camp Buehring hosts a brigade.").BaseStatuses).Status);
        Assert.Empty(Extract("Baghdad hosts the summit.").BaseStatuses);
    }

    [Fact]
    public void A_region_that_only_locates_a_site_the_rules_do_not_know_is_no_site()
    {
        Assert.Empty(Extract("Soldiers began withdrawing from Rabia Depot in northern Iraq on Monday.").BaseStatuses);
    }

    [Theory]
    [InlineData("All American soldiers leaving Syria will move to western Iraq.")]
    [InlineData("Soldiers began withdrawing from northern Iraq on Monday.")]
    [InlineData("Troops were still pulling out of Northeast Syria.")]
    public void A_compass_region_is_never_a_base(string sentence) =>
        Assert.Empty(Extract(sentence).BaseStatuses);

    [Fact]
    public void Moving_in_to_do_something_is_not_a_move_to_a_site()
    {
        Assert.Empty(Extract("Army units moved in to secure Camp Speicher and its airfield.").BaseStatuses);
    }

    [Fact]
    public void A_clause_on_an_aside_speaks_of_the_site_not_of_the_city_that_locates_it()
    {
        var status = Assert.Single(Extract("Even Camp Taji, the sprawling logistics hub in Baghdad that is due to be handed over in May, had fewer soldiers.").BaseStatuses);
        Assert.Equal(("Camp Taji", SiteStatus.WithdrawalPlanned), (status.Base, status.Status));
    }

    [Fact]
    public void A_presence_said_to_end_is_not_active()
    {
        Assert.DoesNotContain(SiteStatus.Active, Extract("The convoy left, ending years of presence at Camp Speicher.").BaseStatuses.Select(b => b.Status));
    }

    [Fact]
    public void A_plan_is_dropped_when_the_same_day_says_leaving_has_begun()
    {
        var claims = Extract("The withdrawal from Camp Speicher began today. All soldiers will leave Camp Speicher, officials said.");
        Assert.Equal([SiteStatus.WithdrawalStarted], claims.BaseStatuses.Select(b => b.Status).ToList());
    }

    [Fact]
    public void A_headline_kept_apart_from_the_body_states_a_status()
    {
        var text = "---\ntitle: Camp Taji now under Iraqi control\npublished: 2011-11-02\n---\nThe handover was quiet.\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        var claims = ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("Camp Taji", SiteStatus.HandedOver, "2011-11-02"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void A_status_the_body_repeats_is_told_once_with_the_bodys_date()
    {
        var text = "---\ntitle: Camp Taji in Iraqi hands after US troops leave\npublished: 2020-08-25\n---\n" +
            "US forces handed Camp Taji over to the Iraqi army on Sunday.\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        var claims = ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
        var status = Assert.Single(claims.BaseStatuses);
        Assert.Equal(("Camp Taji", SiteStatus.HandedOver, "2020-08-23"), (status.Base, status.Status, status.AsOf));
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
