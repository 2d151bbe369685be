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

    private static readonly Lazy<string> DefaultText = new(ReadDefaultText);
    private static readonly Lazy<ExtractionRules> DefaultRules = new(() => Parse(DefaultText.Value, "default-rules.yaml"));

    internal ExtractionRules(string version)
    {
        Version = version;
    }

    /// <summary>A short id derived from the rules text: any edit gives a new version, so projections know to replay.</summary>
    public string Version { get; }

    /// <summary>The rules the worker ships with.</summary>
    public static ExtractionRules Default => DefaultRules.Value;

    /// <summary>The text of the shipped rules file, for people to dump and edit.</summary>
    public static string DefaultYaml => DefaultText.Value;

    internal PhraseIndex<string> Forces { get; } = new();

    internal PhraseIndex<bool> TroopNouns { get; } = new();

    internal PhraseIndex<bool> TroopModifiers { get; } = new();

    internal PhraseIndex<string> Bounds { get; } = new();

    internal PhraseIndex<KindCue> Kinds { get; } = new();

    internal PhraseIndex<bool> NotTroopsBeside { get; } = new();

    internal PhraseIndex<bool> NotTroopsAfter { get; } = new();

    internal PhraseIndex<bool> PresentTime { get; } = new();

    internal PhraseIndex<bool> VagueTime { get; } = new();

    internal PhraseIndex<bool> TimeEvents { get; } = new();

    internal PhraseIndex<string> StatusBefore { get; } = new();

    internal PhraseIndex<string> StatusAfter { get; } = new();

    internal PhraseIndex<bool> SiteReferences { get; } = new();

    /// <summary>Status rules written as phrases with slots ("handed {base} over to"); see <see cref="StatusPattern"/>.</summary>
    internal StatusPatternIndex StatusPatterns { get; } = new();

    internal PhraseIndex<Place> Places { get; } = new();

    internal PhraseIndex<string> BaseSuffixes { get; } = new();

    internal PhraseIndex<string> BasePrefixes { get; } = new();

    internal HashSet<string> BaseNameExclusions { get; } = new(StringComparer.Ordinal);

    /// <summary>Words that name part of a country ("western" Iraq) when the rules list no such region.</summary>
    internal HashSet<string> RegionDirections { get; } = new(StringComparer.Ordinal);

    /// <summary>Sentences written in the rules file with the claims they must yield (see <see cref="RulesCheck"/>).</summary>
    public List<RuleExample> Examples { get; } = [];

    /// <summary>Reads a rules file. Throws <see cref="RulesFileException"/> saying where and what is wrong.</summary>
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

    /// <summary>Reads rules from YAML text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static ExtractionRules Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return RulesYamlReader.Read(yaml, sourceName, VersionOf(yaml));
    }

    /// <summary>First 12 hex digits of the SHA-256 of the text, line endings normalised so a checkout on Windows agrees.</summary>
    private static string VersionOf(string yaml)
    {
        var normalized = yaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..12];
    }

    private static string ReadDefaultText()
    {
        using var stream = typeof(ExtractionRules).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
