using System.Text.Json;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Scoring;

/// <summary>
/// Hand-annotated claims per article file, in the format of dev-gold.json: an object mapping a file name
/// to its <c>troopCounts</c> and <c>baseStatuses</c> (claims as <c>extract</c> prints them, with optional
/// <c>evidence</c> and <c>note</c>, which are ignored).
/// </summary>
public sealed class GoldSet
{
    private GoldSet(IReadOnlyDictionary<string, ArticleClaims> articles)
    {
        Articles = articles;
    }

    /// <summary>The expected claims by file name (no folder).</summary>
    public IReadOnlyDictionary<string, ArticleClaims> Articles { get; }

    /// <summary>Reads a gold file; throws <see cref="GoldFileException"/> saying what is wrong.</summary>
    public static GoldSet Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new GoldFileException($"{path}: the gold file cannot be read ({e.Message}).", e);
        }

        return Parse(text, path);
    }

    /// <summary>Reads gold claims from JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static GoldSet Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new GoldFileException($"{source}: a gold file is a JSON object mapping file names to their claims.");
            }

            var articles = new Dictionary<string, ArticleClaims>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                articles[entry.Name] = ReadArticle(entry.Value, $"{source}: {entry.Name}");
            }

            return new GoldSet(articles);
        }
        catch (JsonException e)
        {
            throw new GoldFileException($"{source}: not valid JSON (line {e.LineNumber + 1}: {e.Message.Split('.')[0]}).", e);
        }
    }

    private static ArticleClaims ReadArticle(JsonElement article, string where)
    {
        if (article.ValueKind != JsonValueKind.Object)
        {
            throw new GoldFileException($"{where} should be an object with troopCounts and baseStatuses.");
        }

        var troops = new List<TroopCount>();
        foreach (var claim in Array(article, "troopCounts", where))
        {
            troops.Add(new TroopCount(
                Text(claim, "force", where) ?? "US",
                Text(claim, "location", where) ?? throw Missing(where, "troopCounts", "location"),
                Text(claim, "site", where),
                Word<TroopKind>(claim, "troopCounts", "kind", where),
                claim.TryGetProperty("count", out var count) && count.TryGetInt32(out var n) ? n : throw Missing(where, "troopCounts", "count"),
                Word<Bound>(claim, "troopCounts", "bound", where),
                Text(claim, "asOf", where),
                Text(claim, "evidence", where) ?? Text(claim, "quote", where) ?? string.Empty));
        }

        var bases = new List<BaseStatus>();
        foreach (var claim in Array(article, "baseStatuses", where))
        {
            bases.Add(new BaseStatus(
                Text(claim, "base", where) ?? throw Missing(where, "baseStatuses", "base"),
                Word<SiteStatus>(claim, "baseStatuses", "status", where),
                Text(claim, "asOf", where),
                Text(claim, "evidence", where) ?? Text(claim, "quote", where) ?? string.Empty));
        }

        return new ArticleClaims(troops, bases);
    }

    private static IEnumerable<JsonElement> Array(JsonElement article, string name, string where)
    {
        if (!article.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.Object))
        {
            throw new GoldFileException($"{where}: {name} should be a list of claim objects.");
        }

        return list.EnumerateArray().ToList();
    }

    private static string? Text(JsonElement claim, string name, string where) =>
        !claim.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new GoldFileException($"{where}: '{name}' should be a string or null.");

    /// <summary>A field the contract fills with one of its words (a bound, a status), read into its enum.</summary>
    private static TEnum Word<TEnum>(JsonElement claim, string list, string name, string where)
        where TEnum : struct, Enum
    {
        var text = Text(claim, name, where) ?? throw Missing(where, list, name);
        return ContractWords<TEnum>.TryParse(text, out var member)
            ? member
            : throw new GoldFileException($"{where}: a claim in {list} has '{name}' '{text}'; expected one of: {ContractWords<TEnum>.Listed}.");
    }

    private static GoldFileException Missing(string where, string list, string field) =>
        new($"{where}: a claim in {list} has no '{field}'.");
}
