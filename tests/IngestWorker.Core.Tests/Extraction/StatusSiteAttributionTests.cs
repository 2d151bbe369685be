using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Issue 17: in a long sentence a status goes to the site it speaks of, not to a city or base named beside it.</summary>
public sealed class StatusSiteAttributionTests
{
    [Fact]
    public void A_site_named_where_someone_spoke_is_no_site_of_the_status()
    {
        var claims = Extract("The transfer of Camp Taji came a day after the minister, speaking near the Baghdad International Airport, said the mission had ended.");
        Assert.DoesNotContain("Baghdad International Airport", claims.BaseStatuses.Select(b => b.Base));
        Assert.Contains(("Camp Taji", SiteStatus.HandoverInProgress), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void A_city_after_a_verb_of_its_own_does_not_take_the_status_of_a_move()
    {
        Assert.Empty(Extract("Engineers would move closer to the front line to recapture Mosul before winter.").BaseStatuses);
        Assert.Empty(Extract("Brigades are heading to the border to help retake Raqqa from the militants.").BaseStatuses);
    }

    [Fact]
    public void The_place_troops_move_from_is_left_and_the_place_they_move_to_receives_them()
    {
        var claims = Extract("Officials said advisers would begin relocating from Baghdad to Erbil next month.");
        Assert.Equal(
            [("Baghdad", SiteStatus.WithdrawalPlanned), ("Erbil", SiteStatus.ReceivingForces)],
            claims.BaseStatuses.Select(b => (b.Base, b.Status)).Order().ToList());
    }

    [Fact]
    public void A_departure_with_no_object_does_not_speak_of_the_dateline()
    {
        var claims = Extract("CAMP TAJI, Iraq - Iraqi officers took control of the camp on Sunday, as the remaining soldiers in the country depart in small groups.");
        Assert.DoesNotContain(("Camp Taji", SiteStatus.WithdrawalStarted), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
