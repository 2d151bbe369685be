using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>Status frames (issue 17): one verb in the rules reads all its forms, its passive, negation and modality.</summary>
public sealed class StatusFrameTests
{
    private const string EvacuateFrame = """
            - verb: evacuate
              site: object
              status: handed-over
              ongoing: withdrawal-started
              examples:
                - text: Medics evacuated Camp Speicher before the storm.
                  published: 2015-03-02
                  baseStatuses: ["Camp Speicher: handed-over 2015-03-02"]
                - text: Crews are evacuating Camp Speicher.
                  published: 2015-03-02
                  baseStatuses: ["Camp Speicher: withdrawal-started 2015-03-02"]

        """;

    [Theory]
    [InlineData("Engineers evacuated Camp Speicher.", "handed-over")]
    [InlineData("The brigade evacuates Camp Speicher.", "handed-over")]
    [InlineData("The battalion has evacuated Camp Speicher.", "handed-over")]
    [InlineData("Camp Speicher was evacuated by the allies.", "handed-over")]
    [InlineData("Medics are evacuating Camp Speicher.", "withdrawal-started")]
    [InlineData("Camp Speicher is being evacuated.", "withdrawal-started")]
    [InlineData("The allies will evacuate Camp Speicher.", "withdrawal-planned")]
    [InlineData("The allies plan to evacuate Camp Speicher.", "withdrawal-planned")]
    [InlineData("Camp Speicher is set to be evacuated.", "withdrawal-planned")]
    public void A_frame_reads_every_form_of_its_verb(string sentence, string status)
    {
        var rules = WithFrame(EvacuateFrame);
        var claims = Extract(rules, sentence);
        Assert.Contains(("Camp Speicher", status), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Theory]
    [InlineData("The allies have not evacuated Camp Speicher.")]
    [InlineData("The allies never evacuated Camp Speicher.")]
    public void A_negated_frame_gives_nothing(string sentence)
    {
        var claims = Extract(WithFrame(EvacuateFrame), sentence);
        Assert.Empty(claims.BaseStatuses);
    }

    [Theory]
    [InlineData("Coalition planes operate out of Camp Speicher.", "active")]
    [InlineData("Coalition planes will operate out of Camp Speicher.", "receiving-forces")]
    [InlineData("Camp Speicher has long hosted allied crews.", "active")]
    [InlineData("Camp Speicher is home to an allied training team.", "active")]
    [InlineData("The advisers are stationed at Camp Speicher.", "active")]
    public void Presence_frames_of_the_built_in_rules_give_active(string sentence, string status)
    {
        var claims = Extract(ExtractionRules.Default, sentence);
        Assert.Contains(("Camp Speicher", status), claims.BaseStatuses.Select(b => (b.Base, b.Status)));
    }

    [Fact]
    public void A_frame_with_fewer_than_two_examples_is_refused_with_its_line()
    {
        var frame = """
                - verb: evacuate
                  site: object
                  status: handed-over
                  examples:
                    - text: Medics evacuated Camp Speicher before the storm.
                      baseStatuses: ["Camp Speicher: handed-over null"]

            """;
        var error = Assert.Throws<RulesFileException>(() => WithFrame(frame));
        Assert.Contains("at least two example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_example_that_yields_another_status_is_refused()
    {
        var frame = """
                - verb: evacuate
                  site: object
                  status: handed-over
                  examples:
                    - text: Medics evacuated Camp Speicher before the storm.
                      baseStatuses: ["Camp Speicher: active null"]
                    - text: Crews evacuated Camp Speicher.
                      baseStatuses: ["Camp Speicher: handed-over null"]

            """;
        var error = Assert.Throws<RulesFileException>(() => WithFrame(frame));
        Assert.Contains("one of its statuses", error.Message, StringComparison.Ordinal);
    }

    private static ExtractionRules WithFrame(string entry)
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("  frames:\n", "  frames:\n" + entry.TrimEnd() + "\n", StringComparison.Ordinal);
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
