using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Installations the rules do not list, found by the shape of their names (issue 17), in sentences of our own.</summary>
public sealed class SiteShapeTests
{
    [Theory]
    [InlineData("The Army shut down Camp Jaber-North last spring.", "Camp Jaber-North", SiteStatus.HandedOver)]
    [InlineData("Reservists withdrew their gear from the Zarqa military base.", "Zarqa Base", SiteStatus.HandedOver)]
    [InlineData("American crews operate out of Asad Airbase.", "Ain al-Asad Air Base", SiteStatus.Active)]
    [InlineData("Sailors are stationed at Naval Support Activity Souda.", "Naval Support Activity Souda", SiteStatus.Active)]
    [InlineData("Engineers are based at Ammunition Supply Point Hawk.", "Ammunition Supply Point Hawk", SiteStatus.Active)]
    [InlineData("A patrol arrived at Tower 31 on the border.", "Tower 31", SiteStatus.ReceivingForces)]
    [InlineData("Allied units vacated COB Zulu in the autumn.", "COB Zulu", SiteStatus.HandedOver)]
    public void A_site_named_by_its_shape_takes_the_status(string sentence, string site, SiteStatus status)
    {
        var claims = Extract(sentence);
        Assert.Contains((site, status), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    private static ArticleClaims Extract(string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
    }
}
