using System.Security.Cryptography;
using System.Text;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// The words and places the extractor reads articles with, loaded from a YAML file people edit without
/// touching code (see <see cref="DefaultYaml"/> for the format). Immutable once loaded; safe to share
/// between threads.
/// </summary>
public sealed class ExtractionRules
{
    private const string DefaultResourceName = "IngestWorker.Core.Extraction.default-rules.yaml";
    private const string DefaultGazetteerResourceName = "IngestWorker.Core.Extraction.installations-gazetteer.yaml";

    /// <summary>How the shipped gazetteer is named in messages.</summary>
    public const string DefaultGazetteerName = "installations-gazetteer.yaml";

    private static readonly Lazy<string> DefaultText = new(() => ReadResource(DefaultResourceName));
    private static readonly Lazy<string> DefaultGazetteerText = new(() => ReadResource(DefaultGazetteerResourceName));
    private static readonly Lazy<ExtractionRules> DefaultRules = new(() => Parse(DefaultText.Value, "default-rules.yaml"));

    internal ExtractionRules(string version, string? gazetteerYaml)
    {
        Version = version;
        GazetteerYaml = gazetteerYaml;
    }

    /// <summary>
    /// A short id derived from the rules text and the gazetteer's: any edit of either gives a new version, so
    /// projections know to replay.
    /// </summary>
    public string Version { get; }

    /// <summary>The text of the gazetteer these rules were read with; null when they were read without one.</summary>
    public string? GazetteerYaml { get; }

    /// <summary>The rules the worker ships with.</summary>
    public static ExtractionRules Default => DefaultRules.Value;

    /// <summary>The text of the shipped rules file, for people to dump and edit.</summary>
    public static string DefaultYaml => DefaultText.Value;

    /// <summary>The text of the shipped gazetteer of installations, for people to dump and edit.</summary>
    public static string DefaultGazetteerYaml => DefaultGazetteerText.Value;

    internal PhraseIndex<string> Forces { get; } = new();

    internal PhraseIndex<bool> TroopNouns { get; } = new();

    internal PhraseIndex<bool> TroopModifiers { get; } = new();

    internal PhraseIndex<Bound> Bounds { get; } = new();

    internal PhraseIndex<KindCue> Kinds { get; } = new();

    internal PhraseIndex<bool> NotTroopsBeside { get; } = new();

    internal PhraseIndex<bool> NotTroopsAfter { get; } = new();

    internal PhraseIndex<bool> PresentTime { get; } = new();

    internal PhraseIndex<bool> VagueTime { get; } = new();

    internal PhraseIndex<bool> TimeEvents { get; } = new();

    internal PhraseIndex<SiteStatus> StatusBefore { get; } = new();

    internal PhraseIndex<SiteStatus> StatusAfter { get; } = new();

    internal PhraseIndex<bool> SiteReferences { get; } = new();

    /// <summary>Status rules written as phrases with slots ("handed {base} over to"); see <see cref="StatusPattern"/>.</summary>
    internal StatusPatternIndex StatusPatterns { get; } = new();

    internal PhraseIndex<Place> Places { get; } = new();

    /// <summary>Every place and installation by its canonical name.</summary>
    internal Dictionary<string, Place> Sites { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal PhraseIndex<string> BaseSuffixes { get; } = new();

    internal PhraseIndex<string> BasePrefixes { get; } = new();

    internal HashSet<string> BaseNameExclusions { get; } = new(StringComparer.Ordinal);

    /// <summary>Words that name part of a country ("western" Iraq) when the rules list no such region.</summary>
    internal HashSet<string> RegionDirections { get; } = new(StringComparer.Ordinal);

    /// <summary>Sentences written in the rules file with the claims they must yield (see <see cref="RulesCheck"/>).</summary>
    public List<RuleExample> Examples { get; } = [];

    /// <summary>Where a site named in claims is, or null when these rules do not know the name (a base found by its shape).</summary>
    public SiteLocation? Locate(string name)
    {
        if (!Sites.TryGetValue(name, out var place))
        {
            return null;
        }

        var kind = place.Facility ?? place.Kind switch
        {
            PlaceKind.Country => "country",
            PlaceKind.Region => "region",
            PlaceKind.City => "city",
            _ => "installation",
        };
        return new SiteLocation(place.Name, kind, place.Country ?? place.Name, place.At);
    }

    /// <summary>Every installation of the gazetteer (and of the rules' own <c>bases</c>), in the order written.</summary>
    public IReadOnlyList<SiteLocation> Installations() =>
        Sites.Values.Where(p => p.Kind == PlaceKind.Base).Select(p => Locate(p.Name)!).ToList();

    /// <summary>
    /// Reads a rules file. A gazetteer it names (<c>gazetteer: FILE</c>) is read relative to it; without one,
    /// the built-in gazetteer. Throws <see cref="RulesFileException"/> saying where and what is wrong.
    /// </summary>
    public static ExtractionRules Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RulesFileException($"{path}: the rules file cannot be read ({e.Message}).", e);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Reads rules from YAML text; <paramref name="sourceName"/> names it in error messages, and a gazetteer the
    /// rules name is read relative to it. Without one, the built-in gazetteer.
    /// </summary>
    public static ExtractionRules Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return RulesYamlReader.Read(yaml, sourceName, named => named is null
            ? new GazetteerText(DefaultGazetteerYaml, DefaultGazetteerName)
            : ReadGazetteerFile(sourceName, named));
    }

    /// <summary>
    /// Reads rules with exactly the gazetteer text given (null: none), whatever file they name: how rules kept
    /// in the log are read back as they were applied.
    /// </summary>
    public static ExtractionRules Parse(string yaml, string sourceName, string? gazetteerYaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return RulesYamlReader.Read(yaml, sourceName, _ => gazetteerYaml is null ? null : new GazetteerText(gazetteerYaml, $"the gazetteer of {sourceName}"));
    }

    /// <summary>
    /// First 12 hex digits of the SHA-256 of the rules text, followed by the gazetteer's when there is one;
    /// line endings normalised so a checkout on Windows agrees. Rules without a gazetteer keep the version
    /// they had before gazetteers existed.
    /// </summary>
    internal static string VersionOf(string yaml, string? gazetteerYaml)
    {
        var normalized = yaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (gazetteerYaml is not null)
        {
            normalized += "\n\0gazetteer\n" + gazetteerYaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..12];
    }

    private static GazetteerText ReadGazetteerFile(string rulesSource, string named)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(rulesSource)) ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(folder, named);
        try
        {
            return new GazetteerText(File.ReadAllText(path, Encoding.UTF8), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RulesFileException($"{rulesSource}: the gazetteer it names cannot be read ({e.Message}).", e);
        }
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(ExtractionRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
