using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Extraction;

/// <summary>The places a rules file lists (countries, regions, cities, bases) and the patterns that make a base's name, each spelling naming one place.</summary>
internal sealed partial class RulesYamlReader
{
    private void ReadPlaces(YamlNode node)
    {
        var lists = Mapping(node, "places", ["countries", "regions", "cities"]);
        if (lists.TryGetValue("countries", out var countries))
        {
            foreach (var entry in Sequence(countries, "places.countries"))
            {
                if (entry is YamlScalarNode)
                {
                    var plainName = Text(entry, "a country name");
                    AddPlace(_countries, new Place(plainName, PlaceKind.Country, plainName, null, null), entry, []);
                    continue;
                }

                var fields = Mapping(entry, "a country", ["name", "aliases"]);
                var name = Text(Required(fields, entry, "name", "a country"), "the country name");
                AddPlace(_countries, new Place(name, PlaceKind.Country, name, null, null), entry, Aliases(fields));
            }
        }

        if (lists.TryGetValue("regions", out var regions))
        {
            foreach (var entry in Sequence(regions, "places.regions"))
            {
                var fields = Mapping(entry, "a region", ["name", "country", "aliases", "lat", "lon"]);
                var name = Text(Required(fields, entry, "name", "a region"), "the region name");
                var country = KnownCountry(Required(fields, entry, "country", $"region '{name}'"));
                AddPlace(_regions, new Place(name, PlaceKind.Region, country, null, null) { At = Point(fields, entry, name, required: false) }, entry, Aliases(fields));
            }
        }

        if (lists.TryGetValue("cities", out var cities))
        {
            foreach (var entry in Sequence(cities, "places.cities"))
            {
                var fields = Mapping(entry, "a city", ["name", "country", "region", "aliases", "lat", "lon"]);
                var name = Text(Required(fields, entry, "name", "a city"), "the city name");
                var country = KnownCountry(Required(fields, entry, "country", $"city '{name}'"));
                var region = fields.TryGetValue("region", out var r) ? Known(_regions, r, "region", "places.regions") : null;
                AddPlace(_cities, new Place(name, PlaceKind.City, country, region, null) { At = Point(fields, entry, name, required: false) }, entry, Aliases(fields));
            }
        }
    }

    /// <summary><c>bases</c> in a rules file: installations beside the gazetteer's (rules written before it kept them here).</summary>
    private void ReadBases(YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        foreach (var entry in Sequence(node, "bases"))
        {
            var fields = Mapping(entry, "a base", ["name", "country", "region", "city", "aliases", "lat", "lon"]);
            AddInstallation(entry, fields, "a base", facility: null);
        }
    }

    private void ReadBasePatterns(YamlNode node)
    {
        foreach (var (name, value) in Mapping(node, "basePatterns", ["suffixes", "prefixes", "notNames", "directions"]))
        {
            switch (name)
            {
                case "suffixes":
                    foreach (var (suffix, canonical) in Mapping(value, "basePatterns.suffixes", null))
                    {
                        _rules.BaseSuffixes.Add(suffix, Text(canonical, $"the canonical spelling of suffix '{suffix}'"));
                    }

                    break;
                case "prefixes":
                    foreach (var prefix in Sequence(value, "basePatterns.prefixes"))
                    {
                        var text = Text(prefix, "a base name prefix");
                        _rules.BasePrefixes.Add(text, text);
                    }

                    break;
                case "directions":
                    foreach (var word in Sequence(value, "basePatterns.directions"))
                    {
                        _rules.RegionDirections.Add(Text(word, "a direction word").ToLowerInvariant());
                    }

                    break;
                case "notNames":
                    foreach (var word in Sequence(value, "basePatterns.notNames"))
                    {
                        _rules.BaseNameExclusions.Add(Text(word, "a word").ToLowerInvariant());
                    }

                    break;
            }
        }
    }

    private void AddPlace(Dictionary<string, Place> known, Place place, YamlNode where, IEnumerable<(string Alias, YamlNode Node)> aliases)
    {
        if (!known.TryAdd(place.Name, place) || !_rules.Sites.TryAdd(place.Name, place))
        {
            throw Fail(where, $"'{place.Name}' is listed twice; keep one entry and put the other spellings under its aliases.");
        }

        AddSpelling(place.Name, place, where);
        foreach (var (alias, node) in aliases)
        {
            AddSpelling(alias, place, node);
        }
    }

    /// <summary>A name or alias into the phrase index, unless it already names another place.</summary>
    private void AddSpelling(string spelling, Place place, YamlNode where)
    {
        var segments = PhraseIndex<Place>.Segments(spelling);
        if (segments.Length == 0)
        {
            throw Fail(where, $"alias '{spelling}' of '{place.Name}' has no words in it.");
        }

        var key = string.Join(" ... ", segments.Select(words => string.Join(' ', words)));
        if (_spellings.TryGetValue(key, out var other))
        {
            if (ReferenceEquals(other, place))
            {
                return;
            }

            throw Fail(where, $"'{spelling}' of '{place.Name}' already names '{other.Name}'; a spelling may name one place only.");
        }

        _spellings[key] = place;
        _rules.Places.Add(spelling, place);
    }

    private IEnumerable<(string Alias, YamlNode Node)> Aliases(IReadOnlyDictionary<string, YamlNode> fields) =>
        fields.TryGetValue("aliases", out var aliases)
            ? Sequence(aliases, "aliases").Select(node => (Text(node, "an alias"), node)).ToList()
            : [];

    private string KnownCountry(YamlNode node) => Known(_countries, node, "country", "places.countries")!;

    private string? Known(Dictionary<string, Place> known, YamlNode node, string what, string list)
    {
        var name = Text(node, $"a {what} name");
        return known.TryGetValue(name, out var place)
            ? place.Name
            : throw Fail(node, $"{what} '{name}' is not listed under {list}; add it there first or fix the spelling.");
    }
}
