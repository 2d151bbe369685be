using System.Diagnostics;
using System.Globalization;
using System.Text;
using IngestWorker.Core.Extraction;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>The gazetteer of installations shipped beside the rules (installations-gazetteer.yaml).</summary>
public sealed class GazetteerTests
{
    [Fact]
    public void The_gazetteer_lists_at_least_150_installations_each_in_a_known_country_and_inside_the_region()
    {
        var installations = ExtractionRules.Default.Installations();

        Assert.True(installations.Count >= 150, $"{installations.Count} installations");
        Assert.All(installations, site =>
        {
            Assert.Equal("country", ExtractionRules.Default.Locate(site.Country)?.Kind);
            Assert.True(site.At is { InRegion: true }, $"{site.Name} is at {site.At}, outside the Middle East and Horn of Africa");
            Assert.Contains(site.Kind, RulesYamlReader.InstallationKinds);
        });
    }

    [Fact]
    public void Every_name_and_alias_of_the_gazetteer_resolves_to_its_one_installation()
    {
        // Given every spelling the gazetteer file writes, read from the file itself
        var spellings = Spellings(ExtractionRules.DefaultGazetteerYaml);
        Assert.True(spellings.Count > 300, $"{spellings.Count} spellings");

        // Then each, read as a sentence, is found whole and names its own installation and no other
        Assert.All(spellings, pair =>
        {
            var sentence = SentenceSplitter.Split(pair.Spelling).Single();
            Assert.True(ExtractionRules.Default.Places.TryMatch(sentence, 0, out var match), $"'{pair.Spelling}' is not recognised");
            Assert.Equal((pair.Name, sentence.Count), (match.Value.Name, match.End));
        });
    }

    [Fact]
    public void An_alias_that_already_names_another_place_is_refused_with_its_line()
    {
        var gazetteer = ExtractionRules.DefaultGazetteerYaml.Replace("aliases: [Buehring,", "aliases: [Arifjan, Buehring,", StringComparison.Ordinal);
        var line = gazetteer[..gazetteer.IndexOf("aliases: [Arifjan, Buehring,", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", gazetteer));

        Assert.Equal(line, error.Line);
        Assert.Contains("'Arifjan' of 'Camp Buehring' already names 'Camp Arifjan'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_that_names_a_city_of_the_rules_is_refused()
    {
        var gazetteer = ExtractionRules.DefaultGazetteerYaml.Replace("aliases: [Arifjan]", "aliases: [Arifjan, Kuwait City]", StringComparison.Ordinal);
        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", gazetteer));
        Assert.Contains("already names 'Kuwait City'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_read_back_with_the_gazetteer_text_the_log_kept_are_the_same_rules()
    {
        var fromLog = ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules from the log", ExtractionRules.DefaultGazetteerYaml);
        var withoutGazetteer = ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules from an older log", null);

        Assert.Equal(ExtractionRules.Default.Version, fromLog.Version);
        Assert.NotNull(fromLog.Locate("Camp Arifjan"));
        Assert.NotEqual(ExtractionRules.Default.Version, withoutGazetteer.Version);
        Assert.Null(withoutGazetteer.Locate("Camp Arifjan"));
        Assert.Null(withoutGazetteer.GazetteerYaml);
    }

    /// <summary>Issue 19, defects 1 and 10: deep nesting ended the process with a stack overflow.</summary>
    [Fact]
    public void A_gazetteer_or_rules_file_nested_without_end_is_refused_with_its_line()
    {
        var deep = new string('[', 50_000);

        var gazetteerError = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", "installations: " + deep));
        var rulesError = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse("forces: " + deep, "deep.yaml"));

        Assert.StartsWith("the gazetteer of rules.yaml, line 1, column ", gazetteerError.Message, StringComparison.Ordinal);
        Assert.Contains("nested more than 64 deep", gazetteerError.Message, StringComparison.Ordinal);
        Assert.StartsWith("deep.yaml, line 1, column ", rulesError.Message, StringComparison.Ordinal);
    }

    /// <summary>Every site the gold claims of the seeds and the dev set name, installation or place, sits on the map.</summary>
    [Theory]
    [InlineData("Ain al-Asad Air Base")]
    [InlineData("Al Dhafra Air Base")]
    [InlineData("Al Udeid Air Base")]
    [InlineData("Al-Qaim")]
    [InlineData("Al-Shaddadi")]
    [InlineData("Al-Sqoor Base")]
    [InlineData("Al-Tanf Garrison")]
    [InlineData("Ali Al Salem Air Base")]
    [InlineData("Ammunition Supply Point Falcon")]
    [InlineData("Baghdad International Airport")]
    [InlineData("Camp Arifjan")]
    [InlineData("Camp As Sayliyah-Main")]
    [InlineData("Camp As Sayliyah-South")]
    [InlineData("Camp Doha")]
    [InlineData("Camp Taji")]
    [InlineData("H2")]
    [InlineData("Harir Air Base")]
    [InlineData("Erbil Air Base")]
    [InlineData("Imam Ali Base")]
    [InlineData("Incirlik Air Base")]
    [InlineData("Isa Air Base")]
    [InlineData("Joint Base Balad")]
    [InlineData("Joint Operations Command")]
    [InlineData("K1 Air Base")]
    [InlineData("Lafarge Cement Factory")]
    [InlineData("Mission Support Site Euphrates")]
    [InlineData("Mission Support Site Green Village")]
    [InlineData("Naval Support Activity Bahrain")]
    [InlineData("Nineveh Operations Command")]
    [InlineData("Nineveh presidential palace")]
    [InlineData("Qayyarah Airfield West")]
    [InlineData("Rmeilan Airfield")]
    [InlineData("Taqaddum Air Base")]
    [InlineData("Tower 22")]
    [InlineData("Union III")]
    [InlineData("Victory Base Complex")]
    public void An_installation_the_gold_names_is_in_the_gazetteer_with_coordinates(string name)
    {
        var site = ExtractionRules.Default.Locate(name);
        Assert.NotNull(site);
        Assert.Equal(name, site.Name);
        Assert.Contains(site.Kind, RulesYamlReader.InstallationKinds);
        Assert.True(site.At is { InRegion: true }, $"{name} is at {site.At}");
    }

    [Theory]
    [InlineData("Baghdad", "city")]
    [InlineData("Erbil", "city")]
    [InlineData("Kobani", "city")]
    [InlineData("Manbij", "city")]
    [InlineData("Raqqa", "city")]
    [InlineData("Tabqah", "city")]
    [InlineData("Kurdistan Region", "region")]
    [InlineData("Anbar Province", "region")]
    [InlineData("Diyala Province", "region")]
    public void A_city_or_region_the_gold_names_stays_a_place_with_coordinates(string name, string kind)
    {
        var site = ExtractionRules.Default.Locate(name);
        Assert.Equal(kind, site?.Kind);
        Assert.True(site!.At is { InRegion: true }, $"{name} is at {site.At}");
    }

    /// <summary>
    /// Issue 19, defect 12: 16,000 bases took a minute to load, each added phrase re-sorting every phrase that
    /// opened with the same word. Linear loading takes about 8 times as long for 8 times the bases; the
    /// quadratic one took about 64 times as long.
    /// </summary>
    [Fact]
    public void Loading_rules_grows_linearly_with_the_number_of_installations()
    {
        var small = Generated(2_000);
        var large = Generated(16_000);
        ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", small);

        var smallTime = Fastest(() => ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", small));
        var largeTime = Fastest(() => Assert.Equal(16_000, ExtractionRules.Parse(ExtractionRules.DefaultYaml, "rules.yaml", large).Installations().Count));

        // The rules themselves cost the same in both: compare the gazetteers' shares with them included,
        // which only makes the ratio smaller than the gazetteers' own.
        Assert.True(largeTime < smallTime * 16, $"2,000 installations load in {smallTime.TotalMilliseconds:F0} ms, 16,000 in {largeTime.TotalMilliseconds:F0} ms");
        Assert.True(largeTime < TimeSpan.FromSeconds(20), $"16,000 installations load in {largeTime}");
        Console.WriteLine($"rules with 2,000 installations load in {smallTime.TotalMilliseconds:F0} ms, with 16,000 in {largeTime.TotalMilliseconds:F0} ms");
    }

    /// <summary>
    /// Installations that share their first words ("Camp", "Forward Operating Base"), as real ones do, each
    /// with aliases: the case that made loading quadratic.
    /// </summary>
    private static string Generated(int count)
    {
        var yaml = new StringBuilder("installations:\n");
        for (var i = 0; i < count; i++)
        {
            var lat = (30 + (i % 1000) / 100.0).ToString("F2", CultureInfo.InvariantCulture);
            yaml.Append(CultureInfo.InvariantCulture,
                $"  - {{ name: Camp Generated {i}, kind: camp, country: Iraq, lat: {lat}, lon: 44.1, aliases: [Forward Operating Base Generated {i}, FOB Generated {i}, Generated {i} base] }}\n");
        }

        return yaml.ToString();
    }

    /// <summary>The fastest of three runs: a busy machine slows some runs, never speeds one up.</summary>
    private static TimeSpan Fastest(Action work)
    {
        var fastest = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            work();
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
        }

        return fastest;
    }

    private static List<(string Name, string Spelling)> Spellings(string gazetteer)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(gazetteer));
        var installations = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["installations"];
        var spellings = new List<(string, string)>();
        foreach (var entry in installations.Cast<YamlMappingNode>())
        {
            var name = ((YamlScalarNode)entry["name"]).Value!;
            spellings.Add((name, name));
            if (entry.Children.TryGetValue(new YamlScalarNode("aliases"), out var aliases))
            {
                spellings.AddRange(((YamlSequenceNode)aliases).Select(alias => (name, ((YamlScalarNode)alias).Value!)));
            }
        }

        return spellings;
    }
}
