using System.Net;
using System.Text;

namespace IngestWorker.Core.Articles;

/// <summary>What an HTML page says about its article: the text, and the fields its markup gives.</summary>
internal sealed record HtmlArticle(string Body, string? Title, string? PublishedText, string? Outlet, string? Url);

/// <summary>
/// Reads an article out of HTML in one pass over the markup, without building a tree: the time it takes
/// grows with the size of the file and nothing else, whatever the nesting (a DOM parser spends quadratic
/// time on thousands of unclosed formatting tags). Text comes from the <c>article</c> element when there is
/// one, else from the whole page; one line per block element so sentences do not run together; what is
/// never article text (scripts, navigation, forms…) is left out.
/// </summary>
internal static class HtmlArticleReader
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "tr", "figcaption", "figure", "br", "hr", "dd", "dt", "title", "body",
    };

    /// <summary>Elements whose content is never article text.</summary>
    private static readonly HashSet<string> NoiseElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg", "head",
    };

    /// <summary>Elements whose content is raw text up to their closing tag (markup inside is not markup).</summary>
    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title",
    };

    /// <param name="ct">Looked at once per tag, so a read over its budget stops where it is.</param>
    public static HtmlArticle Read(string html, CancellationToken ct = default)
    {
        var page = new StringBuilder();
        var article = new StringBuilder();
        var heading = new StringBuilder();
        string? title = null, published = null, metaPublished = null, ogTitle = null, outlet = null, ogUrl = null, canonical = null;
        var noiseDepth = 0;
        var articleDepth = 0;
        var articleSeen = false;
        var headingState = 0; // 0 before the first h1, 1 inside it, 2 after it

        void Text(ReadOnlySpan<char> raw)
        {
            if (noiseDepth > 0 || raw.IsEmpty)
            {
                return;
            }

            var text = WebUtility.HtmlDecode(raw.ToString());
            page.Append(text);
            if (articleDepth > 0)
            {
                article.Append(text);
            }

            if (headingState == 1)
            {
                heading.Append(text);
            }
        }

        void Break()
        {
            page.Append('\n');
            if (articleDepth > 0)
            {
                article.Append('\n');
            }
        }

        var position = 0;
        while (position < html.Length)
        {
            ct.ThrowIfCancellationRequested();
            var open = html.IndexOf('<', position);
            if (open < 0)
            {
                Text(html.AsSpan(position));
                break;
            }

            Text(html.AsSpan(position, open - position));
            if (html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal))
            {
                var close = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                position = close < 0 ? html.Length : close + 3;
                continue;
            }

            var tag = Tag.Parse(html, open);
            if (tag is null)
            {
                // A '<' that opens no tag is text.
                Text("<");
                position = open + 1;
                continue;
            }

            position = tag.End;
            var name = tag.Name;
            if (tag.IsClosing)
            {
                if (NoiseElements.Contains(name) && noiseDepth > 0)
                {
                    noiseDepth--;
                }
                else if (name.Equals("article", StringComparison.OrdinalIgnoreCase) && articleDepth > 0)
                {
                    articleDepth--;
                }
                else if (name.Equals("h1", StringComparison.OrdinalIgnoreCase) && headingState == 1)
                {
                    headingState = 2;
                }

                if (BlockElements.Contains(name))
                {
                    Break();
                }

                continue;
            }

            if (BlockElements.Contains(name))
            {
                Break();
            }

            switch (name.ToLowerInvariant())
            {
                case "meta":
                    var property = tag.Attribute("property") ?? tag.Attribute("name");
                    var content = tag.Attribute("content");
                    switch (property?.ToLowerInvariant())
                    {
                        case "og:title": ogTitle ??= content; break;
                        case "og:site_name": outlet ??= content; break;
                        case "og:url": ogUrl ??= content; break;
                        case "article:published_time": metaPublished ??= content; break;
                    }

                    break;
                case "link" when string.Equals(tag.Attribute("rel"), "canonical", StringComparison.OrdinalIgnoreCase):
                    canonical ??= tag.Attribute("href");
                    break;
                case "time" when noiseDepth == 0:
                    published ??= tag.Attribute("datetime");
                    break;
                case "article" when !tag.IsSelfClosing && noiseDepth == 0 && (!articleSeen || articleDepth > 0):
                    articleSeen = true;
                    articleDepth++;
                    break;
                case "h1" when headingState == 0 && noiseDepth == 0:
                    headingState = 1;
                    break;
            }

            if (RawTextElements.Contains(name) && !tag.IsSelfClosing)
            {
                var end = html.IndexOf("</" + name, position, StringComparison.OrdinalIgnoreCase);
                var raw = html.AsSpan(position, (end < 0 ? html.Length : end) - position);
                if (name.Equals("title", StringComparison.OrdinalIgnoreCase))
                {
                    title ??= WebUtility.HtmlDecode(raw.ToString()).Trim();
                }

                var closeEnd = end < 0 ? html.Length : html.IndexOf('>', end);
                position = closeEnd < 0 ? html.Length : closeEnd + 1;
                continue;
            }

            if (NoiseElements.Contains(name) && !tag.IsSelfClosing)
            {
                noiseDepth++;
            }
        }

        var body = Lines(articleSeen ? article : page);
        var headline = Lines(heading);
        return new HtmlArticle(body, NullIfEmpty(ogTitle) ?? NullIfEmpty(headline) ?? NullIfEmpty(title), NullIfEmpty(published) ?? NullIfEmpty(metaPublished),
            NullIfEmpty(outlet), NullIfEmpty(ogUrl) ?? NullIfEmpty(canonical));
    }

    /// <summary>One line per block, spaces collapsed, empty lines dropped.</summary>
    private static string Lines(StringBuilder text) =>
        string.Join('\n', text.ToString().Split('\n')
            .Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One tag: its name, whether it closes, its attributes, and where it ends.</summary>
    private sealed class Tag
    {
        private readonly List<(string Name, string Value)> _attributes = [];

        private Tag(string name, bool isClosing)
        {
            Name = name;
            IsClosing = isClosing;
        }

        public string Name { get; }

        public bool IsClosing { get; }

        public bool IsSelfClosing { get; private set; }

        /// <summary>The index just past the tag's '>'.</summary>
        public int End { get; private set; }

        public string? Attribute(string name) =>
            _attributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } value
                ? WebUtility.HtmlDecode(value)
                : null;

        /// <summary>The tag opening at <paramref name="open"/>, or null when the '&lt;' opens none.</summary>
        public static Tag? Parse(string html, int open)
        {
            var i = open + 1;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }

            if (i < html.Length && (html[i] == '!' || html[i] == '?'))
            {
                // A declaration or processing instruction (<!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>): no text of ours.
                var declarationEnd = html.IndexOf('>', i);
                return new Tag("!", isClosing: true) { End = declarationEnd < 0 ? html.Length : declarationEnd + 1 };
            }

            var nameStart = i;
            while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] == '-' || html[i] == ':'))
            {
                i++;
            }

            if (i == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                return null;
            }

            var tag = new Tag(html[nameStart..i], closing);
            while (i < html.Length)
            {
                var c = html[i];
                if (c == '>')
                {
                    tag.End = i + 1;
                    return tag;
                }

                if (c == '/')
                {
                    tag.IsSelfClosing = true;
                    i++;
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                var attributeStart = i;
                while (i < html.Length && html[i] is not ('=' or '>' or '/') && !char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                var attribute = html[attributeStart..i];
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                var value = string.Empty;
                if (i < html.Length && html[i] == '=')
                {
                    i++;
                    while (i < html.Length && char.IsWhiteSpace(html[i]))
                    {
                        i++;
                    }

                    if (i < html.Length && html[i] is '"' or '\'')
                    {
                        var quote = html[i];
                        var valueEnd = html.IndexOf(quote, i + 1);
                        valueEnd = valueEnd < 0 ? html.Length : valueEnd;
                        value = html[(i + 1)..valueEnd];
                        i = Math.Min(html.Length, valueEnd + 1);
                    }
                    else
                    {
                        var valueStart = i;
                        while (i < html.Length && html[i] != '>' && !char.IsWhiteSpace(html[i]))
                        {
                            i++;
                        }

                        value = html[valueStart..i];
                    }
                }

                if (attribute.Length > 0)
                {
                    tag._attributes.Add((attribute, value));
                }
            }

            tag.End = html.Length;
            return tag;
        }
    }
}
