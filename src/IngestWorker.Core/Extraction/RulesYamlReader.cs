using IngestWorker.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Reads and checks a rules file. Every mistake is reported with its line and column and a sentence
/// that says what was expected, because the people editing this file are not the people who wrote the code.
/// </summary>
internal sealed partial class RulesYamlReader
{
    private static readonly string[] Sections =
        ["forces", "troopNouns", "troopModifiers", "bounds", "kinds", "notTroops", "time", "statuses", "siteReferences", "places", "gazetteer", "bases", "basePatterns", "examples"];

    private static readonly string[] RequiredSections = ["forces", "troopNouns", "bounds", "kinds", "statuses", "places"];

    /// <summary>"past-level" lists the words of a level told in the past tense.</summary>
    private const string PastLevel = "past-level";

    /// <summary>The kinds a rules file lists words for: every kind, and past levels after levels.</summary>
    private static readonly string[] KindLists =
        [.. ContractWords<TroopKind>.All.SelectMany(word => word == TroopKind.Level.Word() ? new[] { word, PastLevel } : [word])];

    /// <summary>The bounds a rules file lists words for: every bound but <see cref="Bound.Exact"/>, which a figure has when no word qualifies it.</summary>
    private static readonly string[] QualifyingBounds = [.. ContractWords<Bound>.All.Where(word => word != Bound.Exact.Word())];

    private readonly string _source;
    private readonly ExtractionRules _rules;
    private readonly Dictionary<string, Place> _countries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Place> _regions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Place> _cities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Place> _bases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name and alias of every place, as the matcher sees it, so no spelling names two places.</summary>
    private readonly Dictionary<string, Place> _spellings = new(StringComparer.Ordinal);

    private RulesYamlReader(string source, ExtractionRules rules)
    {
        _source = source;
        _rules = rules;
    }

    /// <summary>A reader of another file (the gazetteer) that adds to the same rules and knows the same places.</summary>
    private RulesYamlReader(string source, RulesYamlReader rulesReader)
        : this(source, rulesReader._rules)
    {
        _countries = rulesReader._countries;
        _regions = rulesReader._regions;
        _cities = rulesReader._cities;
        _bases = rulesReader._bases;
        _spellings = rulesReader._spellings;
    }

    /// <summary>
    /// Reads rules and the gazetteer that goes with them: <paramref name="gazetteerFor"/> is given the file
    /// the rules name under <c>gazetteer</c> (null when they name none) and returns the gazetteer's text, or
    /// null for none. The version hashes both texts.
    /// </summary>
    public static ExtractionRules Read(string yaml, string sourceName, Func<string?, GazetteerText?> gazetteerFor)
    {
        var root = LoadRoot(yaml, sourceName, "the rules file is empty; start from a copy of the built-in rules (IngestWorker rules).");
        var gazetteer = gazetteerFor(NamedGazetteer(root, sourceName));
        var reader = new RulesYamlReader(sourceName, new ExtractionRules(ExtractionRules.VersionOf(yaml, gazetteer?.Yaml), gazetteer?.Yaml));
        reader.ReadRoot(root, gazetteer);
        return reader._rules;
    }

    /// <summary>The root node of one YAML document, read with a limit on nesting (see <see cref="DepthLimitedParser"/>).</summary>
    private static YamlNode LoadRoot(string yaml, string sourceName, string whenEmpty)
    {
        var stream = new YamlStream();
        var parser = new DepthLimitedParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlNestingException e)
        {
            throw new RulesFileException(sourceName, e.Start.Line, e.Start.Column,
                $"lists and mappings are nested more than {DepthLimitedParser.DefaultMaxDepth} deep here; a rules file needs a few levels.", e);
        }
        catch (YamlException e)
        {
            throw new RulesFileException(sourceName, e.Start.Line, e.Start.Column, $"this is not valid YAML: {Describe(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet gives no position for some broken input (an unclosed '['): report where reading stopped.
            throw new RulesFileException(sourceName, parser.LastGood.Line, parser.LastGood.Column,
                "the YAML cannot be read past this point; look for a '[' or '{' that is never closed, or a stray quote.", e);
        }

        return stream.Documents.Count == 0 ? throw new RulesFileException(sourceName, 1, 1, whenEmpty) : stream.Documents[0].RootNode;
    }

    private void ReadRoot(YamlNode root, GazetteerText? gazetteer)
    {
        var sections = Mapping(root, "the rules file", Sections);
        foreach (var required in RequiredSections)
        {
            if (!sections.ContainsKey(required))
            {
                throw Fail(root, $"the rules file has no '{required}' section, which the extractor needs.");
            }
        }

        // Places first: bases and cities refer to countries and regions by name.
        ReadPlaces(sections["places"]);
        foreach (var (name, node) in sections)
        {
            switch (name)
            {
                case "forces":
                    foreach (var (force, words) in Mapping(node, "forces", ["US", "Coalition"]))
                    {
                        AddAll(_rules.Forces, words, $"forces.{force}", force);
                    }

                    break;
                case "troopNouns":
                    AddAll(_rules.TroopNouns, node, name, true);
                    break;
                case "troopModifiers":
                    AddAll(_rules.TroopModifiers, node, name, true);
                    break;
                case "notTroops":
                    foreach (var (side, words) in Mapping(node, "notTroops", ["beside", "after"]))
                    {
                        AddAll(side == "beside" ? _rules.NotTroopsBeside : _rules.NotTroopsAfter, words, $"notTroops.{side}", true);
                    }

                    break;
                case "siteReferences":
                    AddAll(_rules.SiteReferences, node, name, true);
                    break;
                case "bounds":
                    foreach (var (bound, words) in Mapping(node, "bounds", QualifyingBounds))
                    {
                        AddAll(_rules.Bounds, words, $"bounds.{bound}", ContractWords<Bound>.Parse(bound));
                    }

                    break;
                case "kinds":
                    foreach (var (kind, words) in Mapping(node, "kinds", KindLists))
                    {
                        var cue = kind == PastLevel ? new KindCue(TroopKind.Level, Past: true) : new KindCue(ContractWords<TroopKind>.Parse(kind), Past: false);
                        AddAll(_rules.Kinds, words, $"kinds.{kind}", cue);
                    }

                    break;
                case "time":
                    foreach (var (list, words) in Mapping(node, "time", ["present", "vague", "events"]))
                    {
                        var index = list switch { "present" => _rules.PresentTime, "vague" => _rules.VagueTime, _ => _rules.TimeEvents };
                        AddAll(index, words, $"time.{list}", true);
                    }

                    break;
                case "statuses":
                    ReadStatuses(node);
                    break;
                case "bases":
                    ReadBases(node);
                    break;
                case "basePatterns":
                    ReadBasePatterns(node);
                    break;
                case "examples":
                    ReadExamples(node);
                    break;
            }
        }

        // The gazetteer last, so a mistake in the rules themselves is reported first.
        if (gazetteer is not null)
        {
            new RulesYamlReader(gazetteer.Source, this).ReadGazetteer(
                LoadRoot(gazetteer.Yaml, gazetteer.Source, "the gazetteer is empty; start from a copy of the built-in one (IngestWorker rules --gazetteer)."));
        }
    }

    private void ReadExamples(YamlNode node)
    {
        foreach (var entry in Sequence(node, "examples"))
        {
            ReadExample(entry);
        }
    }

    private void ReadExample(YamlNode entry)
    {
        var fields = Mapping(entry, "an example", ["text", "published", "troopCounts", "baseStatuses"]);
        var text = Text(Required(fields, entry, "text", "an example"), "the example's text");
        DateOnly? published = null;
        if (fields.TryGetValue("published", out var date))
        {
            published = DateOnly.TryParseExact(Text(date, "published"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d
                : throw Fail(date, "published should be a date written YYYY-MM-DD.");
        }

        var troops = fields.TryGetValue("troopCounts", out var t) ? Sequence(t, "troopCounts").Select(n => Text(n, "a troop count")).ToList() : [];
        var bases = fields.TryGetValue("baseStatuses", out var b) ? Sequence(b, "baseStatuses").Select(n => Text(n, "a base status")).ToList() : [];
        _rules.Examples.Add(new RuleExample(text, published, troops, bases, (int)entry.Start.Line));
    }

    private void AddAll<T>(PhraseIndex<T> index, YamlNode node, string what, T value)
    {
        foreach (var item in Sequence(node, what))
        {
            var phrase = Text(item, $"a phrase in {what}");
            if (PhraseIndex<T>.Segments(phrase).Length == 0)
            {
                throw Fail(item, $"'{phrase}' in {what} has no words in it.");
            }

            index.Add(phrase, value);
        }
    }

    private Dictionary<string, YamlNode> Mapping(YamlNode node, string what, string[]? allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Fail(node, $"{what} should be a mapping of 'key: value' lines, but {Shape(node)} was found.");
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : throw Fail(keyNode, $"a key under {what} should be a plain word.");
            if (allowedKeys is not null && !allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                throw Fail(keyNode, $"'{key}' is not a key {what} takes; expected one of: {string.Join(", ", allowedKeys)}.");
            }

            result[key] = value;
        }

        return result;
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string what) =>
        node is YamlSequenceNode sequence
            ? sequence.Children
            : throw Fail(node, $"{what} should be a list (lines starting with '- ', or [a, b]), but {Shape(node)} was found.");

    private string Text(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw Fail(node, $"{what} should be a piece of text, but {Shape(node)} was found.");

    private YamlNode Required(Dictionary<string, YamlNode> fields, YamlNode entry, string key, string what) =>
        fields.TryGetValue(key, out var value) ? value : throw Fail(entry, $"{what} needs a '{key}'.");

    private static string Shape(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode scalar => $"the text '{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    private RulesFileException Fail(YamlNode node, string problem) =>
        new(_source, node.Start.Line, node.Start.Column, problem);

    /// <summary>YamlDotNet prefixes its messages with the positions we already report; keep only the words.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var words = cut >= 0 ? message[(cut + 3)..] : message;
        return words.TrimEnd('.') + ".";
    }
}
