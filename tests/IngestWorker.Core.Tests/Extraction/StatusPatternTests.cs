using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Status rules written as patterns with slots in the rules file, and their own examples.</summary>
public sealed class StatusPatternTests
{
    [Fact]
    public void A_pattern_added_to_the_rules_reads_its_phrasing()
    {
        // Given the built-in rules and a pattern for a phrasing they do not know
        var rules = WithPattern("""
                - status: handed-over
                  pattern: "{base} was mothballed"
            """);

        // When a sentence with that phrasing is read, then the site takes the pattern's status
        var status = Assert.Single(Extract(rules, "Camp Speicher was mothballed last week.").BaseStatuses);
        Assert.Equal(("Camp Speicher", SiteStatus.HandedOver), (status.Base, status.Status));
        Assert.Empty(Extract(ExtractionRules.Default, "Camp Speicher was mothballed last week.").BaseStatuses);
    }

    [Fact]
    public void A_gap_takes_up_to_five_words_and_a_named_place_counts_as_one()
    {
        var rules = WithPattern("""
                - status: withdrawal-started
                  pattern: "emptied {base} ... of"
            """);

        Assert.Single(Extract(rules, "Engineers emptied Camp Speicher near the river of its stores.").BaseStatuses);
        Assert.Empty(Extract(rules, "Engineers emptied Camp Speicher near the old river bank in the north of its stores.").BaseStatuses);
    }

    [Fact]
    public void A_base_slot_takes_the_sites_listed_with_the_first()
    {
        var rules = WithPattern("""
                - status: handed-over
                  pattern: "mothballed {base}"
            """);

        var claims = Extract(rules, "The Army mothballed Camp Speicher, Camp Taji and Q4 in 2012.");
        Assert.Equal(["Camp Speicher", "Camp Taji", "Q4"], claims.BaseStatuses.Select(b => b.Base).Order().ToList());
        Assert.All(claims.BaseStatuses, b => Assert.Equal("2012", b.AsOf));
    }

    [Fact]
    public void A_pattern_for_installations_leaves_cities_alone()
    {
        var rules = WithPattern("""
                - status: handed-over
                  pattern: "secured {base}"
                  sites: installations
            """);

        Assert.Single(Extract(rules, "Iraqi police secured Camp Speicher.").BaseStatuses);
        Assert.Empty(Extract(rules, "Iraqi police secured Mosul.").BaseStatuses);
    }

    [Fact]
    public void A_pattern_example_that_fails_is_listed_by_the_rules_check()
    {
        var rules = WithPattern("""
                - status: handed-over
                  pattern: "{base} was mothballed"
                  examples:
                    - text: Camp Speicher was mothballed.
                      published: 2012-01-01
                      baseStatuses: ["Camp Speicher: active 2012-01-01"]
            """);

        var mismatch = Assert.Single(RulesCheck.Mismatches(rules));
        Assert.Contains("Camp Speicher: handed-over 2012-01-01", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"handed over to\"", "{base}")]
    [InlineData("\"handed {site} over\"", "not a slot")]
    [InlineData("\"... handed {base}\"", "'...'")]
    [InlineData("\"{date} handed {base}\"", "start with")]
    [InlineData("\"handed {base\"", "never closed")]
    public void A_pattern_that_cannot_be_used_is_reported_with_its_line(string pattern, string reason)
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("  patterns:\n", $"  patterns:\n    - status: handed-over\n      pattern: {pattern}\n", StringComparison.Ordinal);
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "rules.yaml"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void A_pattern_with_an_unknown_status_is_reported()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("  patterns:\n", "  patterns:\n    - status: closed\n      pattern: \"closed {base}\"\n", StringComparison.Ordinal);
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "rules.yaml"));
        Assert.Contains("'closed' is not a status", error.Message, StringComparison.Ordinal);
    }

    private static ExtractionRules WithPattern(string entry)
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("  patterns:\n", "  patterns:\n" + entry.TrimEnd() + "\n", StringComparison.Ordinal);
        Assert.NotEqual(ExtractionRules.DefaultYaml, yaml);
        return ExtractionRules.Parse(yaml, "edited.yaml");
    }

    private static ArticleClaims Extract(ExtractionRules rules, string body)
    {
        var text = $"---\npublished: 2020-03-30\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        return ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, rules);
    }
}
