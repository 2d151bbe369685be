using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Articles;

/// <summary>
/// Turns the bytes of one dropped file into an <see cref="Article"/>, the same way for the inbox
/// and for <c>extract</c>. Pure: no clock, no file system.
/// </summary>
public static class ArticleReader
{
    /// <summary>The file endings the inbox takes.</summary>
    public static readonly IReadOnlySet<string> SupportedExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".html", ".htm", ".json" };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ArticleReadResult Read(string fileName, ReadOnlySpan<byte> bytes)
    {
        var extension = Path.GetExtension(fileName);
        if (!SupportedExtensions.Contains(extension))
        {
            var shown = extension.Length == 0 ? "no file ending" : $"'{extension}'";
            return Refuse($"{shown} is not a type the inbox takes; use .txt, .md, .html, .htm or .json.");
        }

        if (bytes.IsEmpty)
        {
            return Refuse("the file is empty.");
        }

        if (bytes.Contains((byte)0))
        {
            return Refuse("the file holds binary data (NUL bytes), not text.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException e)
        {
            return Refuse($"the file is not UTF-8 text (invalid byte at offset {e.Index}).");
        }

        return extension.ToLowerInvariant() switch
        {
            ".json" => ReadJson(text),
            ".html" or ".htm" => ReadHtml(text),
            _ => ReadPlain(text),
        };
    }

    private static ArticleReadResult ReadPlain(string text)
    {
        var normalized = ContentHash.Normalize(text);
        var (frontMatter, body) = SplitFrontMatter(normalized);
        if (frontMatter is null && body is null)
        {
            return Refuse("the YAML front matter between the '---' lines is not valid YAML.");
        }

        var fields = frontMatter ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return Build(
            body!,
            Field(fields, "title"),
            DatelineFinder.Parse(Field(fields, "published") ?? Field(fields, "date")),
            Field(fields, "outlet") ?? Field(fields, "source"),
            Field(fields, "url"));
    }

    private static ArticleReadResult ReadJson(string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Refuse($"the JSON is not valid ({e.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refuse("the JSON must be an object with a \"text\" field.");
        }

        if (!root.TryGetProperty("text", out var bodyElement) || bodyElement.ValueKind != JsonValueKind.String)
        {
            return Refuse("the JSON object has no \"text\" string, which holds the article.");
        }

        return Build(
            bodyElement.GetString()!,
            JsonString(root, "title"),
            DatelineFinder.Parse(JsonString(root, "published") ?? JsonString(root, "date")),
            JsonString(root, "outlet") ?? JsonString(root, "source"),
            JsonString(root, "url"));
    }

    private static ArticleReadResult ReadHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var noise in document.QuerySelectorAll("script, style, noscript, template, nav, footer, aside, form, iframe, svg"))
        {
            noise.Remove();
        }

        var root = (IElement?)document.QuerySelector("article") ?? document.Body;
        var body = root is null ? string.Empty : HtmlText.Of(root);

        var title = Meta(document, "og:title")
            ?? document.QuerySelector("h1")?.TextContent.Trim()
            ?? NullIfEmpty(document.Title?.Trim());
        var published = DatelineFinder.Parse(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"))
            ?? DatelineFinder.Parse(Meta(document, "article:published_time"))
            ?? DatelineFinder.FindInOpening(ContentHash.Normalize(body));
        var outlet = Meta(document, "og:site_name");
        var url = Meta(document, "og:url") ?? document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");

        return Build(body, NullIfEmpty(title), published, outlet, url);
    }

    private static ArticleReadResult Build(string rawBody, string? title, DateOnly? published, string? outlet, string? url)
    {
        var body = ContentHash.Normalize(rawBody);
        if (body.Length == 0)
        {
            return Refuse("the article has no text.");
        }

        title ??= TitleLine(body);
        published ??= DatelineFinder.FindInOpening(body);
        return new ArticleReadResult.Read(new Article(title, published, NullIfEmpty(outlet), NullIfEmpty(url), body, ContentHash.Of(body)));
    }

    /// <summary>
    /// The first non-empty line, passing over a one- or two-word section label above the headline
    /// ("News", "Middle East") when a longer line follows.
    /// </summary>
    private static string? TitleLine(string body)
    {
        var lines = body.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).Take(3).ToList();
        return lines.FirstOrDefault(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3) ?? lines.FirstOrDefault();
    }

    /// <summary>
    /// Front matter fields and the body after it. Both null when the front matter is broken;
    /// fields null when there is none.
    /// </summary>
    private static (Dictionary<string, string>? Fields, string? Body) SplitFrontMatter(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            return (null, text);
        }

        var yaml = text[4..end];
        var afterMarker = text.IndexOf('\n', end + 4);
        var body = afterMarker < 0 ? string.Empty : text[(afterMarker + 1)..];

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } scalar })
                    {
                        fields[name] = scalar;
                    }
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet reports some broken input (an unclosed flow sequence at the end) as an invalid operation.
            return (null, null);
        }

        return (fields, body);
    }

    private static string? Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? NullIfEmpty(value.Trim()) : null;

    private static string? JsonString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString()?.Trim())
            : null;

    private static string? Meta(IDocument document, string property) =>
        NullIfEmpty(document.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content")?.Trim());

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ArticleReadResult.Refused Refuse(string reason) => new(reason);
}
