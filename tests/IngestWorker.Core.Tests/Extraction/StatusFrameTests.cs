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
    [InlineData("Engineers evacuated Camp Speicher.", SiteStatus.HandedOver)]
    [InlineData("The brigade evacuates Camp Speicher.", SiteStatus.HandedOver)]
    [InlineData("The battalion has evacuated Camp Speicher.", SiteStatus.HandedOver)]
    [InlineData("Camp Speicher was evacuated by the allies.", SiteStatus.HandedOver)]
    [InlineData("Medics are evacuating Camp Speicher.", SiteStatus.WithdrawalStarted)]
    [InlineData("Camp Speicher is being evacuated.", SiteStatus.WithdrawalStarted)]
    [InlineData("The allies will evacuate Camp Speicher.", SiteStatus.WithdrawalPlanned)]
    [InlineData("The allies plan to evacuate Camp Speicher.", SiteStatus.WithdrawalPlanned)]
    [InlineData("Camp Speicher is set to be evacuated.", SiteStatus.WithdrawalPlanned)]
    public void A_frame_reads_every_form_of_its_verb(string sentence, SiteStatus status)
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
    [InlineData("Coalition planes operate out of Camp Speicher.", SiteStatus.Active)]
    [InlineData("Coalition planes will operate out of Camp Speicher.", SiteStatus.ReceivingForces)]
    [InlineData("Camp Speicher has long hosted allied crews.", SiteStatus.Active)]
    [InlineData("Camp Speicher is home to an allied training team.", SiteStatus.Active)]
    [InlineData("The advisers are stationed at Camp Speicher.", SiteStatus.Active)]
    public void Presence_frames_of_the_built_in_rules_give_active(string sentence, SiteStatus status)
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
