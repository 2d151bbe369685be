using IngestWorker.Core.Extraction;
using IngestWorker.Core.Scoring;

namespace IngestWorker.Core.Tests.Scoring;

public sealed class ClaimScorerTests
{
    private const string Gold = """
        {
          "a.txt": {
            "troopCounts": [
              { "force": "US", "location": "Iraq", "site": null, "kind": "level", "count": 2500, "bound": "approximately", "asOf": "2025-01", "evidence": "about 2,500" },
              { "force": "US", "location": "Syria", "site": null, "kind": "reduction", "count": 600, "bound": "exact", "asOf": null, "evidence": "600 leave" }
            ],
            "baseStatuses": [
              { "base": "Camp Taji", "status": "handed-over", "asOf": "2020-08-23", "evidence": "Taji handed over" }
            ]
          }
        }
        """;

    [Fact]
    public void Matches_on_location_and_count_and_scores_the_attributes_of_matched_claims()
    {
        // Given one right figure with a wrong date, one extra figure, and a missed status
        var extracted = new ArticleClaims(
            [
                new TroopCount("US", "Iraq", null, TroopKind.Level, 2500, Bound.Approximately, "2025", "about 2,500"),
                new TroopCount("US", "Iraq", null, TroopKind.Level, 5000, Bound.Exact, null, "5,000 once"),
            ],
            []);

        // When scored
        var report = ClaimScorer.Score(GoldSet.Parse(Gold, "gold"), [("a.txt", extracted)]);

        // Then precision, recall and the attribute accuracies say so, with each difference listed
        Assert.Equal(new Tally(2, 2, 1), report.TroopCounts);
        Assert.Equal(0.5, report.TroopCounts.F1);
        Assert.Equal(new Tally(1, 0, 0), report.BaseStatuses);
        Assert.Equal(0.0, report.BaseStatuses.F1);
        Assert.Equal(1.0, report.Accuracy(ClaimScorer.TroopCountsName, "kind"));
        Assert.Equal(0.0, report.Accuracy(ClaimScorer.TroopCountsName, "asOf"));
        Assert.Contains(report.Differences, d => d.What == "missed" && d.Claim.Contains("600", StringComparison.Ordinal) && d.Sentence == "600 leave");
        Assert.Contains(report.Differences, d => d.What == "extra" && d.Sentence == "5,000 once");
        Assert.Contains(report.Differences, d => d.What == "missed" && d.Claims == ClaimScorer.BaseStatusesName);
        Assert.Contains(report.Differences, d => d.What == "wrong" && d.Claim.Contains("asOf is 2025, gold says 2025-01", StringComparison.Ordinal));
        Assert.Contains(ScoreTargets.Of(report), t => !t.Met);
    }

    [Fact]
    public void A_perfect_extraction_scores_one_everywhere()
    {
        var gold = GoldSet.Parse(Gold, "gold");
        var report = ClaimScorer.Score(gold, [("a.txt", gold.Articles["a.txt"])]);

        Assert.Empty(report.Differences);
        Assert.All(ScoreTargets.Of(report), t => Assert.True(t.Met));
        Assert.Contains("\"f1\": 1", ScoreReportWriter.Json(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"a.txt\": { \"troopCounts\": [ { \"location\": \"Iraq\" } ] } }")]
    [InlineData("{ \"a.txt\": ")]
    [InlineData("{ \"a.txt\": { \"baseStatuses\": 3 } }")]
    public void A_malformed_gold_file_is_refused_with_its_name(string json)
    {
        var error = Assert.Throws<GoldFileException>(() => GoldSet.Parse(json, "my-gold.json"));
        Assert.StartsWith("my-gold.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_file_without_a_gold_entry_is_refused()
    {
        var gold = GoldSet.Parse(Gold, "gold");
        var path = Path.Combine(TestPaths.DevArticles, "dev-01_voa-gulf-buildup-2003.txt");
        await Assert.ThrowsAsync<GoldFileException>(() => ScoreRun.ScoreFilesAsync(gold, [path], ExtractionRules.Default, CancellationToken.None));
    }
}
