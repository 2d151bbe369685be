using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class ExtractionRulesTests
{
    private const string NewBaseSentence =
        "Published 2025-11-03. U.S. forces will relocate to Zeta Logistics Hub in the coming weeks, officials said.";

    [Fact]
    public void Default_rules_load_and_have_a_short_version()
    {
        Assert.Matches("^[0-9a-f]{12}$", ExtractionRules.Default.Version);
        Assert.Contains("installations:", ExtractionRules.DefaultGazetteerYaml, StringComparison.Ordinal);
        Assert.Equal(ExtractionRules.DefaultGazetteerYaml, ExtractionRules.Default.GazetteerYaml);
    }

    [Fact]
    public void A_base_added_to_a_copy_of_the_default_rules_is_recognised()
    {
        // Given the default rules, which do not know Zeta Logistics Hub
        var article = Article(NewBaseSentence);
        Assert.Empty(ClaimExtractor.Extract(article, ExtractionRules.Default).BaseStatuses);

        // When a person adds it to a copy of the gazetteer, named by a copy of the rules file
        var folder = Directory.CreateTempSubdirectory("rules-").FullName;
        var path = Path.Combine(folder, "rules.yaml");
        try
        {
            File.WriteAllText(Path.Combine(folder, "my-installations.yaml"), WithNewBase(ExtractionRules.DefaultGazetteerYaml));
            File.WriteAllText(path, "gazetteer: my-installations.yaml\n" + ExtractionRules.DefaultYaml);
            var edited = ExtractionRules.Load(path);

            // Then the new base is read, and the rules have a new version
            var status = Assert.Single(ClaimExtractor.Extract(article, edited).BaseStatuses);
            Assert.Equal(("Zeta Logistics Hub", SiteStatus.ReceivingForces, "2025-11-03"), (status.Base, status.Status, status.AsOf));
            Assert.NotEqual(ExtractionRules.Default.Version, edited.Version);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_alias_added_to_a_known_base_maps_to_its_canonical_name()
    {
        var gazetteer = ExtractionRules.DefaultGazetteerYaml.Replace(
            "aliases: [Harir, Hareer,", "aliases: [Hariri airstrip, Harir, Hareer,", StringComparison.Ordinal);
        var edited = ExtractionRules.Parse(ExtractionRules.DefaultYaml, "edited.yaml", gazetteer);
        var article = Article("Published 2025-11-03. Some forces have redeployed to the Hariri airstrip, officials said.");

        var status = Assert.Single(ClaimExtractor.Extract(article, edited).BaseStatuses);
        Assert.Equal("Harir Air Base", status.Base);
    }

    [Fact]
    public void Any_edit_changes_the_version_and_the_same_text_keeps_it()
    {
        var same = ExtractionRules.Parse(ExtractionRules.DefaultYaml, "copy.yaml");
        var edited = ExtractionRules.Parse(ExtractionRules.DefaultYaml + "\n# a comment\n", "edited.yaml");

        Assert.Equal(ExtractionRules.Default.Version, same.Version);
        Assert.NotEqual(ExtractionRules.Default.Version, edited.Version);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var yaml = "forces:\n  US: [US\ntroopNouns: [troops]\n";
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "broken.yaml"));
        Assert.StartsWith("broken.yaml, line ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 2, error.Message);
    }

    [Fact]
    public void Regression_a_deeply_nested_rules_file_names_the_file_and_line_instead_of_overflowing_the_stack()
    {
        var yaml = "forces:\n  US: [US]\ntroopNouns: " + new string('[', 50_000) + "\n";
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "deep.yaml"));
        Assert.StartsWith("deep.yaml, line 3, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_reported_at_its_line_with_the_keys_that_are_allowed()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("\nbounds:\n", "\nbounds:\n  roughly: [about]\n", StringComparison.Ordinal);
        var line = yaml[..yaml.IndexOf("  roughly:", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "rules.yaml"));

        Assert.Equal(line, error.Line);
        Assert.Contains("'roughly' is not a key bounds takes", error.Message, StringComparison.Ordinal);
        Assert.Contains("at-least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected()
    {
        const string yaml = "forces: { US: [US] }\ntroopNouns: troops\nbounds: {}\nkinds: {}\nstatuses: {}\nplaces: { countries: [Iraq] }\n";
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "rules.yaml"));
        Assert.Equal("rules.yaml, line 2, column 13: troopNouns should be a list (lines starting with '- ', or [a, b]), but the text 'troops' was found.", error.Message);
    }

    [Fact]
    public void A_base_in_an_unknown_country_is_refused()
    {
        var gazetteer = WithNewBase(ExtractionRules.DefaultGazetteerYaml).Replace("country: Iraq, lat:", "country: Irak, lat:", StringComparison.Ordinal);
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", gazetteer));
        Assert.Contains("country 'Irak' is not listed under places.countries", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("the gazetteer of rules.yaml, line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_rules_file_error()
    {
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Load("/nonexistent/rules.yaml"));
        Assert.Contains("/nonexistent/rules.yaml", error.Message, StringComparison.Ordinal);
    }

    private static string WithNewBase(string gazetteer) =>
        gazetteer.Replace("\ninstallations:\n", "\ninstallations:\n  - { name: Zeta Logistics Hub, kind: logistics site, country: Iraq, lat: 33.1, lon: 44.1, aliases: [Zeta hub] }\n", StringComparison.Ordinal);

    private static Article Article(string text) =>
        Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("a.txt", System.Text.Encoding.UTF8.GetBytes(text))).Article;
}
