using System.Text.Json;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>
/// Each hand-written article under Articles/ has a NAME.expected.json beside it with the claims a careful
/// reader of claims-contract.md would write down. Quotes are not compared; everything else is.
/// </summary>
public sealed class ArticleExpectationTests
{
    public static TheoryData<string> Articles()
    {
        var data = new TheoryData<string>();
        foreach (var expected in Directory.GetFiles(TestPaths.Articles, "*.expected.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(expected)[..^".expected.json".Length]);
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_twenty_hand_written_articles() =>
        Assert.True(Articles().Count >= 20, $"only {Articles().Count} articles under {TestPaths.Articles}");

    [Theory]
    [MemberData(nameof(Articles))]
    public void Article_gives_the_expected_claims(string name)
    {
        // Given the article file beside its expectations
        var articlePath = Directory.GetFiles(TestPaths.Articles, name + ".*").Single(p => !p.EndsWith(".expected.json", StringComparison.Ordinal));
        var read = ArticleReader.Read(Path.GetFileName(articlePath), File.ReadAllBytes(articlePath));
        var article = Assert.IsType<ArticleReadResult.Read>(read).Article;

        // When its claims are extracted with the default rules
        var claims = ClaimExtractor.Extract(article, ExtractionRules.Default);

        // Then they are exactly the expected ones
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Articles, name + ".expected.json")));
        var expectedTroops = expected.RootElement.GetProperty("troopCounts").EnumerateArray()
            .Select(t => $"{Str(t, "force")} | {Str(t, "location")} | {Str(t, "site")} | {Str(t, "kind")} | {t.GetProperty("count").GetInt32()} | {Str(t, "bound")} | {Str(t, "asOf")}");
        var expectedBases = expected.RootElement.GetProperty("baseStatuses").EnumerateArray()
            .Select(b => $"{Str(b, "base")} | {Str(b, "status")} | {Str(b, "asOf")}");
        var actualTroops = claims.TroopCounts.Select(t => $"{t.Force} | {t.Location} | {t.Site ?? "null"} | {t.Kind.Word()} | {t.Count} | {t.Bound.Word()} | {t.AsOf ?? "null"}");
        var actualBases = claims.BaseStatuses.Select(b => $"{b.Base} | {b.Status.Word()} | {b.AsOf ?? "null"}");

        Assert.Equal(Sorted(expectedTroops), Sorted(actualTroops));
        Assert.Equal(Sorted(expectedBases), Sorted(actualBases));
    }

    private static string Str(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? "null" : element.GetProperty(name).GetString()!;

    private static List<string> Sorted(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToList();
}
