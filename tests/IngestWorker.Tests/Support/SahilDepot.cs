using IngestWorker.Core.Extraction;
using IngestWorker.Projections;

namespace IngestWorker.Tests.Support;

/// <summary>A base the built-in rules do not know under the name an article gives it, and the rules that do: what a replay with new rules is tried on.</summary>
public static class SahilDepot
{
    public const string Base = "Sahil Logistics Depot";

    public const string Article = """
        ---
        title: Drawdown under way at Sahil Depot
        published: 2026-03-02
        outlet: Test Wire
        ---
        Drawdown under way at Sahil Depot

        American troops began withdrawing from Sahil Depot in northern Iraq on Monday, officials said.
        """;

    /// <summary>The built-in rules plus the depot, known by its alias.</summary>
    public static LoadedRules Rules()
    {
        var yaml = ExtractionRules.DefaultYaml.Replace(
            "\nbases:\n",
            "\nbases:\n  - { name: Sahil Logistics Depot, country: Iraq, aliases: [Sahil Depot] }\n",
            StringComparison.Ordinal);
        Assert.NotEqual(ExtractionRules.DefaultYaml, yaml);
        return new LoadedRules(ExtractionRules.Parse(yaml, "test rules"), yaml, "test rules");
    }
}
