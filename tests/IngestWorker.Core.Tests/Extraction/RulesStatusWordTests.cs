using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>A rules file names a status by its claims contract word; any other word stops the load at its line.</summary>
public sealed class RulesStatusWordTests
{
    [Fact]
    public void A_frame_whose_status_is_not_a_contract_word_is_reported_with_file_line_and_the_allowed_words()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace(
            "    - verb: vacate\n      site: object\n      status: handed-over\n",
            "    - verb: vacate\n      site: object\n      status: handed over\n",
            StringComparison.Ordinal);
        var line = LineOf(yaml, "      status: handed over\n");

        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "my-rules.yaml"));

        Assert.Equal(("my-rules.yaml", line), (error.SourceName, error.Line));
        Assert.StartsWith($"my-rules.yaml, line {line}, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'handed over' is not a status; expected one of: active, withdrawal-planned, withdrawal-started, "
            + "handover-in-progress, handed-over, receiving-forces, residual-presence.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_whose_ongoing_status_is_spelt_as_the_enum_member_is_reported()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace(
            "      status: handed-over\n      ongoing: withdrawal-started\n",
            "      status: handed-over\n      ongoing: WithdrawalStarted\n",
            StringComparison.Ordinal);

        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "my-rules.yaml"));

        Assert.Equal(LineOf(yaml, "      ongoing: WithdrawalStarted\n"), error.Line);
        Assert.Contains("'WithdrawalStarted' is not a status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_list_under_a_word_the_contract_does_not_know_is_reported_with_the_allowed_words()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace("\nstatuses:\n", "\nstatuses:\n  closed:\n    before: [shut down]\n", StringComparison.Ordinal);

        var error = Assert.Throws<RulesFileException>(() => ExtractionRules.Parse(yaml, "my-rules.yaml"));

        Assert.Equal(LineOf(yaml, "  closed:\n"), error.Line);
        Assert.Contains("'closed' is not a key statuses takes; expected one of: active, withdrawal-planned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_status_word_the_contract_knows_loads_as_its_member()
    {
        foreach (var status in Enum.GetValues<SiteStatus>())
        {
            var yaml = ExtractionRules.DefaultYaml.Replace(
                "  patterns:\n",
                $"  patterns:\n    - status: {status.Word()}\n      pattern: \"sealed off {{base}}\"\n",
                StringComparison.Ordinal);
            var rules = ExtractionRules.Parse(yaml, "my-rules.yaml");
            var claims = ClaimExtractor.Extract(ArticleText("Engineers sealed off Ain al-Asad Air Base on Monday."), rules);
            Assert.Contains(claims.BaseStatuses, b => b.Base == "Ain al-Asad Air Base" && b.Status == status);
        }
    }

    private static Article ArticleText(string sentence) =>
        Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("note.md", Encoding.UTF8.GetBytes($"---\npublished: 2024-03-06\n---\n{sentence}\n"))).Article;

    private static long LineOf(string yaml, string text) => yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
