using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Extraction;

/// <summary>The gazetteer of installations, read into the same places as the rules (see installations-gazetteer.yaml).</summary>
internal sealed partial class RulesYamlReader
{
    /// <summary>What an installation may be; the gazetteer's header says what each covers.</summary>
    public static readonly string[] InstallationKinds =
        ["air base", "airport", "camp", "operating base", "outpost", "naval facility", "headquarters", "logistics site", "compound"];

    private static readonly string[] InstallationFields = ["name", "kind", "country", "region", "city", "area", "lat", "lon", "aliases"];

    /// <summary>The file a rules file names under <c>gazetteer</c>, or null when it names none.</summary>
    private static string? NamedGazetteer(YamlNode root, string sourceName)
    {
        if (root is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("gazetteer"), out var node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new RulesFileException(sourceName, node.Start.Line, node.Start.Column,
                "gazetteer should name the file of installations, as a path relative to the rules file.");
    }

    /// <summary>One pass over the entries, each a few dictionary look-ups: linear in the size of the gazetteer.</summary>
    private void ReadGazetteer(YamlNode root)
    {
        var sections = Mapping(root, "the gazetteer", ["installations"]);
        if (!sections.TryGetValue("installations", out var installations))
        {
            throw Fail(root, "the gazetteer has no 'installations' list.");
        }

        foreach (var entry in Sequence(installations, "installations"))
        {
            var fields = Mapping(entry, "an installation", InstallationFields);
            var kindNode = Required(fields, entry, "kind", "an installation");
            var kind = Text(kindNode, "the installation's kind");
            if (!InstallationKinds.Contains(kind, StringComparer.Ordinal))
            {
                throw Fail(kindNode, $"kind '{kind}' is not known; expected one of: {string.Join(", ", InstallationKinds)}.");
            }

            AddInstallation(entry, fields, "an installation", kind);
        }
    }

    /// <summary>A base of the gazetteer (or of a rules file's own <c>bases</c>): coordinates are required in the gazetteer.</summary>
    private void AddInstallation(YamlNode entry, Dictionary<string, YamlNode> fields, string what, string? facility)
    {
        var name = Text(Required(fields, entry, "name", what), "the installation's name");
        var country = KnownCountry(Required(fields, entry, "country", $"installation '{name}'"));
        var region = fields.TryGetValue("region", out var r) ? Known(_regions, r, "region", "places.regions") : null;
        var city = fields.TryGetValue("city", out var c) ? Known(_cities, c, "city", "places.cities") : null;
        var at = Point(fields, entry, name, required: facility is not null);
        var place = new Place(name, PlaceKind.Base, country, region, city) { At = at, Facility = facility };
        AddPlace(_bases, place, entry, Aliases(fields));
    }

    /// <summary><c>lat</c> and <c>lon</c> of an entry, in decimal degrees; both or neither.</summary>
    private GeoPoint? Point(Dictionary<string, YamlNode> fields, YamlNode entry, string name, bool required)
    {
        var hasLat = fields.TryGetValue("lat", out var latNode);
        var hasLon = fields.TryGetValue("lon", out var lonNode);
        if (!hasLat && !hasLon && !required)
        {
            return null;
        }

        if (!hasLat || !hasLon)
        {
            throw Fail(entry, $"'{name}' needs both 'lat' and 'lon' (decimal degrees, as 33.7856 and 42.4412).");
        }

        return new GeoPoint(Degrees(latNode!, "lat", 90), Degrees(lonNode!, "lon", 180));
    }

    private double Degrees(YamlNode node, string what, double limit)
    {
        var text = Text(node, what);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= limit
            ? value
            : throw Fail(node, $"{what} should be decimal degrees between -{limit} and {limit}, but '{text}' was found.");
    }
}
