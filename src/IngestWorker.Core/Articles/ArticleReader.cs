using System.Text;
using System.Text.Json;
using IngestWorker.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IngestWorker.Core.Articles;

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

    public static ArticleReadResult Read(string fileName, ReadOnlySpan<byte> bytes) => Read(fileName, bytes, CancellationToken.None);

    /// <summary>Reads within a budget: when <paramref name="ct"/> is cancelled the reading stops where it is.</summary>
    /// <exception cref="OperationCanceledException">The budget ran out (or the caller stopped) before the file was read.</exception>
    public static ArticleReadResult Read(string fileName, ReadOnlySpan<byte> bytes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var extension = Path.GetExtension(fileName);
        if (!SupportedExtensions.Contains(extension))
        {
            var shown = extension.Length == 0 ? "no file ending" : $"'{extension}'";
            return Refuse(RejectionCode.UnsupportedType, $"{shown} is not a type the inbox takes; use .txt, .md, .html, .htm or .json.");
        }

        if (bytes.IsEmpty)
        {
            return Refuse(RejectionCode.Empty, "the file is empty.");
        }

        var (encoding, preamble) = EncodingOf(bytes);
        if (encoding is UTF8Encoding && bytes.Contains((byte)0))
        {
            return Refuse(RejectionCode.Binary, "the file holds binary data (NUL bytes), not text.");
        }

        string text;
        try
        {
            text = encoding.GetString(bytes[preamble..]);
        }
        catch (DecoderFallbackException e)
        {
            return Refuse(RejectionCode.BadEncoding, $"the file is not {encoding.WebName.ToUpperInvariant()} text (invalid byte at offset {e.Index + preamble}).");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Refuse(RejectionCode.Binary, "the file holds binary data (NUL characters), not text.");
        }

        ct.ThrowIfCancellationRequested();
        return extension.ToLowerInvariant() switch
        {
            ".json" => ReadJson(text),
            ".html" or ".htm" => ReadHtml(text, ct),
            _ => ReadPlain(text),
        };
    }

    /// <summary>
    /// UTF-8 unless a byte-order mark says UTF-16 or UTF-32 (either byte order), with the length of the mark.
    /// Every decoder is strict: bytes that are not text in it are refused, never replaced.
    /// </summary>
    private static (Encoding Encoding, int Preamble) EncodingOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
        _ => (StrictUtf8, 0),
    };

    private static ArticleReadResult ReadPlain(string text)
    {
        var (frontMatter, body, problem) = SplitFrontMatter(ContentHash.NormalizeLineEnds(text));
        if (problem is not null)
        {
            return Refuse(RejectionCode.BadFrontMatter, problem);
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
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = DepthLimitedParser.DefaultMaxDepth });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Refuse(RejectionCode.BadJson, $"the JSON is not valid ({e.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refuse(RejectionCode.BadJson, "the JSON must be an object with a \"text\" field.");
        }

        if (!root.TryGetProperty("text", out var bodyElement) || bodyElement.ValueKind != JsonValueKind.String)
        {
            return Refuse(RejectionCode.BadJson, "the JSON object has no \"text\" string, which holds the article.");
        }

        return Build(
            bodyElement.GetString()!,
            JsonString(root, "title"),
            DatelineFinder.Parse(JsonString(root, "published") ?? JsonString(root, "date")),
            JsonString(root, "outlet") ?? JsonString(root, "source"),
            JsonString(root, "url"));
    }

    private static ArticleReadResult ReadHtml(string html, CancellationToken ct)
    {
        var page = HtmlArticleReader.Read(html, ct);
        var published = DatelineFinder.Parse(page.PublishedText) ?? DatelineFinder.FindInOpening(ContentHash.Normalize(page.Body));
        return Build(page.Body, page.Title, published, page.Outlet, page.Url);
    }

    private static ArticleReadResult Build(string rawBody, string? title, DateOnly? published, string? outlet, string? url)
    {
        var body = ContentHash.Normalize(rawBody);
        if (body.Length == 0)
        {
            return Refuse(RejectionCode.NoText, "the article has no text.");
        }

        var chosen = title ?? TitleLine(body);
        title = chosen is null ? null : ArticleTitle.Bound(chosen);
        published ??= DatelineFinder.FindInOpening(body);
        return new ArticleReadResult.Read(new Article(title, published, NullIfEmpty(outlet), NullIfEmpty(url), body, ContentHash.Of(body)));
    }

    /// <summary>
    /// The first non-empty line, passing over a one- or two-word section label above the headline
    /// ("News", "Middle East") when a longer line follows.
    /// </summary>
    private static string? TitleLine(string body)
    {
        var lines = new List<string>(3);
        for (var start = 0; start < body.Length && lines.Count < 3;)
        {
            var end = body.IndexOf('\n', start);
            end = end < 0 ? body.Length : end;
            var line = body.AsSpan(start, end - start).Trim();
            if (!line.IsEmpty)
            {
                // A line longer than any title is cut here, before the whole of a one-line article is copied.
                lines.Add(line[..Math.Min(line.Length, ArticleTitle.MaxLength * 2)].ToString());
            }

            start = end + 1;
        }

        return lines.FirstOrDefault(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3) ?? lines.FirstOrDefault();
    }

    /// <summary>
    /// Front matter fields and the body after it; fields null when there is none; a problem (and nothing
    /// else) when the front matter is broken.
    /// </summary>
    /// <param name="text">The text with its line ends normalised, not yet trimmed: trimmed here, so the body is copied out of it once.</param>
    private static (Dictionary<string, string>? Fields, string? Body, string? Problem) SplitFrontMatter(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (!trimmed.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, trimmed.Length == text.Length ? text : trimmed.ToString(), null);
        }

        var end = trimmed[3..].IndexOf("\n---", StringComparison.Ordinal);
        if (end < 0)
        {
            return (null, null, "the YAML front matter opened by '---' on the first line is never closed by a second '---' line.");
        }

        // From the start of the text; "---" twice in a row is an empty front matter.
        end += 3;
        var yaml = trimmed[Math.Min(4, end)..end];
        var afterMarker = trimmed[(end + 4)..];
        var bodyStart = afterMarker.IndexOf('\n');
        var body = bodyStart < 0 ? string.Empty : afterMarker[(bodyStart + 1)..].Trim().ToString();
        var fields = FlatFrontMatter.TryRead(yaml);
        if (fields is null)
        {
            (fields, var problem) = ReadYaml(yaml.ToString());
            if (problem is not null)
            {
                return (null, null, problem);
            }
        }

        return (fields, body, null);
    }

    /// <summary>Front matter fields read by YamlDotNet: those <see cref="FlatFrontMatter"/> leaves to it; a problem when it is not valid YAML.</summary>
    internal static (Dictionary<string, string>? Fields, string? Problem) ReadYaml(string yaml)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var stream = new YamlStream();
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml))));
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
        catch (YamlNestingException e)
        {
            return (null, $"the YAML front matter cannot be read: its {e.Problem}");
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet reports some broken input (an unclosed flow sequence at the end) as an invalid operation.
            return (null, "the YAML front matter between the '---' lines is not valid YAML.");
        }

        return (fields, null);
    }

    private static string? Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) ? NullIfEmpty(value.Trim()) : null;

    private static string? JsonString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString()?.Trim())
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ArticleReadResult.Refused Refuse(RejectionCode code, string reason) => new(reason, code);
}
