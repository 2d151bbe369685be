using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>
/// Kinds of base-status phrasing of issue 17 (presence, regions receiving forces, wrong states, dates),
/// each written in sentences of our own that share no run of words with the dev reports.
/// </summary>
public sealed class StatusKindsTests
{
    [Theory]
    [InlineData("Camp Buehring, near the northern border, is where the bulk of the visiting troops train.", "Camp Buehring")]
    [InlineData("Al Dhafra Air Base is where the reconnaissance squadrons and their airmen live.", "Al Dhafra Air Base")]
    [InlineData("Incirlik Air Base, near Adana, is where American tanker crews rest between flights.", "Incirlik Air Base")]
    [InlineData("Q-West has hosted allied engineers since the city fell.", "Qayyarah Airfield West")]
    [InlineData("A sizeable allied presence is maintained at Ali Al Salem Air Base.", "Ali Al Salem Air Base")]
    [InlineData("Pilots of the task force have flown daily patrols from Al Dhafra Air Base.", "Al Dhafra Air Base")]
    [InlineData("Helicopter crews were flying supply runs from the airstrip at Rmeilan Airfield.", "Rmeilan Airfield")]
    [InlineData("The kingdom also hosts a naval squadron and Isa Air Base.", "Isa Air Base")]
    [InlineData("Officials built Camp Arifjan in 1999, and the base is also home to a large logistics command.", "Camp Arifjan")]
    [InlineData("Incirlik Air Base still houses American tanker crews.", "Incirlik Air Base")]
    [InlineData("Camp Lemonnier, near the Gulf of Aden, has served as the command's African headquarters for years.", "Camp Lemonnier")]
    [InlineData("Over the years the compound served the army as a staging post for convoys, and Camp Buehring served the brigades as a base.", "Camp Buehring")]
    public void Presence_without_a_change_is_active(string sentence, string site)
    {
        Assert.Contains((site, SiteStatus.Active), Statuses(sentence));
    }

    [Theory]
    [InlineData("Mosul had served as the militants' stronghold for two years.")]
    [InlineData("Raqqa has served as a market town for centuries.")]
    public void A_town_serving_as_something_else_is_no_base(string sentence)
    {
        Assert.Empty(Statuses(sentence));
    }

    [Theory]
    [InlineData("The Pentagon is dispatching trainers to several provinces, including to Diyala province.", "Diyala Province")]
    [InlineData("The expansion in Anbar province follows months of planning.", "Anbar Province")]
    [InlineData("A buildup at Harir Air Base began in the spring.", "Harir Air Base")]
    [InlineData("Sappers will spend the winter enlarging Ain al-Asad Air Base.", "Ain al-Asad Air Base")]
    public void Forces_sent_to_a_region_or_base_are_being_received(string sentence, string site)
    {
        Assert.Contains((site, SiteStatus.ReceivingForces), Statuses(sentence));
    }

    [Fact]
    public void Forces_that_would_be_stationed_somewhere_are_yet_to_come()
    {
        Assert.Equal([("Harir Air Base", SiteStatus.ReceivingForces)], Statuses("The new aviation brigade would be stationed at Harir Air Base."));
    }

    [Theory]
    [InlineData("Most of the engineers had left Camp Taji this summer.", "2021-05-12", "2021")]
    [InlineData("Most of the engineers had left Camp Taji last summer.", "2021-05-12", "2020")]
    [InlineData("Most of the engineers had left Camp Taji last spring.", "2021-09-01", "2021")]
    [InlineData("Three weeks before the envoy's trip, rockets struck the soldiers at Camp Taji.", "2021-05-12", "2021-04")]
    public void A_season_or_a_span_before_an_event_dates_the_status_as_far_as_it_can(string sentence, string published, string asOf)
    {
        var status = Assert.Single(Extract(sentence, published).BaseStatuses);
        Assert.Equal(asOf, status.AsOf);
    }

    [Fact]
    public void A_span_before_an_event_of_another_year_is_no_date_of_the_report()
    {
        var status = Assert.Single(Extract("Two weeks before the 2003 invasion, soldiers at Camp Arifjan waited.", "2021-05-12").BaseStatuses);
        Assert.NotEqual("2021-04", status.AsOf);
    }

    [Fact]
    public void Ground_handed_over_by_another_party_is_no_base_status()
    {
        Assert.Empty(Statuses("Syrian rebels began handing over villages, Manbij among them, to the Turkish army."));
        Assert.Equal([("Manbij", SiteStatus.HandedOver)], Statuses("American officers handed over Manbij to local police."));
    }

    [Fact]
    public void A_phrase_whose_object_is_a_name_or_another_action_says_nothing_of_a_later_site()
    {
        Assert.Equal([("Al-Tanf Garrison", SiteStatus.Active)], Statuses("Footage passed to Reuters by witnesses showed smoke over Al-Tanf Garrison, which houses American soldiers."));
        Assert.Empty(Statuses("Iraqi units moved closer to the offensive to recapture Tikrit."));
    }

    [Fact]
    public void The_place_a_move_starts_from_is_being_left()
    {
        var statuses = Statuses("Officials said the brigade would begin relocating from Kirkuk to Erbil.");
        Assert.Contains(("Kirkuk", SiteStatus.WithdrawalPlanned), statuses);
        Assert.Contains(("Erbil", SiteStatus.ReceivingForces), statuses);
    }

    [Fact]
    public void A_place_named_near_the_scene_is_a_landmark()
    {
        Assert.Equal([("Camp Taji", SiteStatus.HandedOver)], Statuses("Speaking near the Baghdad International Airport, the minister said allied troops vacated Camp Taji."));
    }

    [Fact]
    public void A_handover_ceremony_under_way_says_more_than_a_plan_to_leave()
    {
        var statuses = Statuses("A ceremony to return the facilities to Iraqi control is under way at Camp Taji today, and all allied troops are to leave Camp Taji.");
        Assert.Equal([("Camp Taji", SiteStatus.HandoverInProgress)], statuses);
    }

    [Theory]
    [InlineData("Camp Speicher had served as the division's northern headquarters since 2004.", "2004")]
    [InlineData("In early March, officials said the brigade would begin moving out of Camp Speicher.", "2021-03")]
    [InlineData("In a statement on Monday, the command said 300 soldiers had left Camp Speicher.", "2021-05-10")]
    [InlineData("The ministry said on Tuesday that on 3 May 2021, once every soldier had departed, crews fenced off Camp Speicher.", "2021-05-03")]
    public void A_status_is_dated_by_the_date_its_sentence_gives_it(string sentence, string asOf)
    {
        var status = Assert.Single(Extract(sentence).BaseStatuses);
        Assert.Equal(asOf, status.AsOf);
    }

    [Fact]
    public void A_list_opened_by_including_or_namely_shares_the_phrase_before_it()
    {
        var statuses = Statuses("Fresh brigades will go to several frontier areas, including Diyala province and the Kurdistan Region.");
        Assert.Contains(("Diyala Province", SiteStatus.ReceivingForces), statuses);
        Assert.Contains(("Kurdistan Region", SiteStatus.ReceivingForces), statuses);
        var gathered = Statuses("Planners want to bring the advisers together at two sites, namely Camp Taji and Erbil Air Base.");
        Assert.Contains(("Camp Taji", SiteStatus.ReceivingForces), gathered);
        Assert.Contains(("Erbil Air Base", SiteStatus.ReceivingForces), gathered);
    }

    [Theory]
    [InlineData("The ministry said that handing over Camp Taji was a milestone for the army.")]
    [InlineData("The broadcaster, which is based in Erbil, aired the footage.")]
    [InlineData("Government forces moved into several small bases that allied troops vacated, officials in Kirkuk said.")]
    public void An_act_named_as_a_thing_an_office_or_unnamed_bases_give_no_status(string sentence)
    {
        Assert.Empty(Statuses(sentence));
    }

    [Fact]
    public void A_site_with_a_generic_noun_and_a_town_country_aside_keeps_its_status()
    {
        Assert.Equal([("Qayyarah Airfield West", SiteStatus.HandedOver)], Statuses("The Q-West base, located south of Mosul, Iraq, was handed over on Sunday."));
    }

    [Fact]
    public void A_site_left_since_a_date_is_dated_by_it()
    {
        var status = Assert.Single(Extract("Camp Taji has been abandoned by allied units since March 3.").BaseStatuses);
        Assert.Equal(("Camp Taji", SiteStatus.HandedOver, "2021-03-03"), (status.Base, status.Status, status.AsOf));
    }

    [Fact]
    public void Baghdad_sites_named_in_a_plan_are_each_a_site()
    {
        var statuses = Statuses("The plan foresees a planned departure from Baghdad's international airport and the Green Zone.");
        Assert.Contains(("Baghdad International Airport", SiteStatus.WithdrawalPlanned), statuses);
        Assert.Contains(("Green Zone", SiteStatus.WithdrawalPlanned), statuses);
        Assert.DoesNotContain(statuses, s => s.Base == "Baghdad");
    }

    private static List<(string Base, SiteStatus Status)> Statuses(string body) =>
        [.. Extract(body).BaseStatuses.Select(b => (b.Base, b.Status))];

    private static ArticleClaims Extract(string body, string published = "2021-05-12")
    {
        var text = $"---\npublished: {published}\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
