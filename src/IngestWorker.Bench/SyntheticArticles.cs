using System.Globalization;
using System.Text;
using Bogus;
using IngestWorker.Core.Extraction;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Bench;

/// <summary>
/// Made-up news articles for the extraction benchmark: Markdown with front matter, figures, dates, places
/// and bases taken from the default rules, and the distractors real articles carry (money, percentages,
/// casualties), padded with filler prose to about the size asked for; the <see cref="ClaimDensity"/> sets how much
/// filler comes between two such sentences. Deterministic for a given seed and density.
/// </summary>
public static class SyntheticArticles
{
    private static readonly string[] Countries = ["Iraq", "Syria", "Kuwait", "Jordan"];

    private static readonly string[] Outlets =
        ["Desert Wire", "Levant Ledger", "Gulf Defense Review", "Tigris Times", "Capitol Brief", "Northern Star News", "Frontline Dispatch"];

    private static readonly string[] Bounds = ["about", "around", "roughly", "more than", "fewer than", "nearly", "some", "up to", "at least", string.Empty];

    private static readonly string[] Forces = ["U.S.", "US", "American", "coalition", string.Empty];

    private static readonly string[] Nouns = ["troops", "service members", "soldiers", "military personnel", "forces", "advisers"];

    private static readonly Lazy<IReadOnlyList<(string Name, string Country)>> PlacesFromRules = new(ReadPlacesFromRules);

    public static IEnumerable<(string FileName, string Text)> Generate(int count, int seed, ClaimDensity density, int approxBytes = 5000)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var places = PlacesFromRules.Value;
        var fillerPerFact = FillerSentencesPerFact(density);
        for (var i = 0; i < count; i++)
        {
            var published = DateOnly.FromDateTime(faker.Date.Between(new DateTime(2011, 1, 1), new DateTime(2026, 6, 30)));
            var country = faker.PickRandom(Countries);
            var title = $"{faker.PickRandom("Pentagon", "Officials", "Commanders", "Lawmakers")} {faker.PickRandom("weigh", "confirm", "announce", "question")} troop changes in {country}";
            var text = new StringBuilder()
                .Append("---\n")
                .Append(CultureInfo.InvariantCulture, $"title: {title}\n")
                .Append(CultureInfo.InvariantCulture, $"published: {published:yyyy-MM-dd}\n")
                .Append(CultureInfo.InvariantCulture, $"outlet: {faker.PickRandom(Outlets)}\n")
                .Append("---\n")
                .Append(title).Append("\n\n");

            while (text.Length < approxBytes)
            {
                var place = places[faker.Random.Int(0, places.Count - 1)];
                text.Append(Sentence(faker, faker.PickRandom(Countries), place, published)).Append(' ');
                for (var filler = 0; filler < fillerPerFact; filler++)
                {
                    text.Append(faker.Lorem.Sentence(faker.Random.Int(8, 20))).Append(' ');
                }

                if (faker.Random.Bool(0.3f))
                {
                    text.Append("\n\n");
                }
            }

            yield return ($"synthetic-{seed}-{i:D6}.md", text.Append('\n').ToString());
        }
    }

    /// <summary>
    /// Filler sentences after each fact-bearing one. One gives the dense text; four give the claims per kilobyte
    /// the extractor reads in the development set and the seeds (~2.0), found by reading the generated text with it.
    /// </summary>
    private static int FillerSentencesPerFact(ClaimDensity density) => density == ClaimDensity.Dense ? 1 : 4;

    private static string Sentence(Faker f, string country, (string Name, string Country) place, DateOnly published)
    {
        var figure = f.Random.Int(1, 60) * 50;
        var force = f.PickRandom(Forces);
        var noun = f.PickRandom(Nouns);
        var bound = f.PickRandom(Bounds);
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(f.Random.Int(1, 12));
        var year = f.Random.Int(2011, published.Year);
        return f.Random.Int(0, 11) switch
        {
            0 => $"The US had {bound} {figure:N0} {noun} in {country} at the start of {year}.",
            1 => $"Officials said {bound} {figure:N0} {force} {noun} remain in {place.Name} now.",
            2 => $"The Pentagon will withdraw {bound} {figure:N0} {noun} from {country} by {month} {published.Year + 1}.",
            3 => $"{(force.Length == 0 ? "Forces" : force + " forces")} began withdrawing from {place.Name} on {published.AddDays(-f.Random.Int(1, 6)).DayOfWeek}.",
            4 => $"Some {noun} will relocate to {place.Name}, in {place.Country}, officials said.",
            5 => $"Between {figure:N0} and {figure + 500:N0} {force} {noun} are stationed in {country}.",
            6 => $"About {f.Random.Int(5, 60)} percent of the ${f.Random.Int(2, 900)} million budget goes to bases in {country}.",
            7 => $"Militants killed {f.Random.Int(2, 40)} civilians near {place.Name} last month, and {f.Random.Int(100, 9000):N0} fighters remain at large.",
            8 => $"A decade ago, around {figure * 10:N0} {noun} were deployed there.",
            9 => $"The handover of {place.Name} to {place.Country} is still in progress.",
            10 => $"{f.Name.FullName()}, a spokesman, said {f.Random.Int(2, 12)} Iraqi brigades train with {bound} {figure:N0} {force} {noun}.",
            _ => $"Once the transition is complete, fewer than {figure:N0} {noun} will remain in {country}.",
        };
    }

    /// <summary>Cities the default rules know and the installations of their gazetteer, so the generated text exercises both.</summary>
    private static IReadOnlyList<(string Name, string Country)> ReadPlacesFromRules()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(ExtractionRules.DefaultYaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var places = (YamlMappingNode)root.Children[new YamlScalarNode("places")];
        var entries = ((YamlSequenceNode)places.Children[new YamlScalarNode("cities")]).Children
            .OfType<YamlMappingNode>()
            .Select(entry => (Name: Scalar(entry, "name"), Country: Scalar(entry, "country")))
            .Concat(ExtractionRules.Default.Installations().Select(site => (site.Name, site.Country)))
            .Where(place => Countries.Contains(place.Country, StringComparer.Ordinal))
            .ToList();
        return entries;
    }

    private static string Scalar(YamlMappingNode entry, string key) =>
        ((YamlScalarNode)entry.Children[new YamlScalarNode(key)]).Value ?? string.Empty;
}
