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
    [InlineData("Camp Lemonnier, near the Gulf of Aden, has served as the command's African headquarters for years.", "Camp Lemonnier")]
    [InlineData("Over the years the compound served the army as a staging post for convoys, and Camp Buehring served the brigades as a base.", "Camp Buehring")]
    public void Presence_without_a_change_is_active(string sentence, string site)
    {
        Assert.Contains((site, "active"), Statuses(sentence));
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
        Assert.Contains((site, "receiving-forces"), Statuses(sentence));
    }

    [Fact]
    public void Baghdad_sites_named_in_a_plan_are_each_a_site()
    {
        var statuses = Statuses("The plan foresees a planned departure from Baghdad's international airport and the Green Zone.");
        Assert.Contains(("Baghdad International Airport", "withdrawal-planned"), statuses);
        Assert.Contains(("Green Zone", "withdrawal-planned"), statuses);
        Assert.DoesNotContain(statuses, s => s.Base == "Baghdad");
    }

    private static List<(string Base, string Status)> Statuses(string body) =>
        [.. Extract(body).BaseStatuses.Select(b => (b.Base, b.Status))];

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2021-05-12\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
