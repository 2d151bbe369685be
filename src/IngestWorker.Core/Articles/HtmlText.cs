using System.Text;
using AngleSharp.Dom;

namespace IngestWorker.Articles;

/// <summary>Reads the text out of markup, one line per block element, so sentences do not run together.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "SECTION", "ARTICLE", "HEADER", "MAIN", "H1", "H2", "H3", "H4", "H5", "H6",
        "LI", "UL", "OL", "BLOCKQUOTE", "PRE", "TABLE", "TR", "FIGCAPTION", "FIGURE", "BR", "HR", "DD", "DT",
    };

    public static string Of(IElement root)
    {
        var text = new StringBuilder();
        Append(root, text);
        var lines = text.ToString().Split('\n').Select(CollapseSpaces).Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    break;
                case IElement element:
                    var isBlock = BlockElements.Contains(element.TagName);
                    if (isBlock)
                    {
                        text.Append('\n');
                    }

                    Append(element, text);
                    if (isBlock)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static string CollapseSpaces(string line) =>
        string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
