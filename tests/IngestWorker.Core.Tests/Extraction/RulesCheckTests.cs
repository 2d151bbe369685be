using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class RulesCheckTests
{
    [Fact]
    public void Every_example_of_the_built_in_rules_holds()
    {
        Assert.NotEmpty(ExtractionRules.Default.Examples);
        Assert.Empty(RulesCheck.Mismatches(ExtractionRules.Default));
    }

    [Fact]
    public void An_example_that_yields_something_else_is_listed_with_its_line()
    {
        // Given the built-in rules with one example whose expectation is wrong
        var yaml = ExtractionRules.DefaultYaml + """
              - text: Camp Taji was handed over to Iraqi forces.
                published: 2020-08-23
                baseStatuses: ["Camp Taji: active 2020-08-23"]

            """;
        var rules = ExtractionRules.Parse(yaml, "edited.yaml");

        // When checked, then that example is the one listed
        var mismatch = Assert.Single(RulesCheck.Mismatches(rules));
        Assert.Contains("Camp Taji: handed-over 2020-08-23", mismatch, StringComparison.Ordinal);
        Assert.StartsWith("line ", mismatch, StringComparison.Ordinal);
    }
}
