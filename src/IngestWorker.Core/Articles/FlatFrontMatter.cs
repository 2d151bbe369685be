namespace IngestWorker.Core.Articles;

/// <summary>
/// Reads front matter made only of lines <c>name: value</c> with plain ASCII values, the form nearly every dropped Markdown
/// file carries, without YamlDotNet, which allocated ~30 KB to read five such lines: the largest garbage a bulk drop made
/// per article. Anything else (quotes, comments, lists, nesting, blank lines, a name given twice, a character YAML treats
/// specially) is left to YamlDotNet, so a front matter reads the same whichever of the two reads it.
/// </summary>
internal static class FlatFrontMatter
{
    /// <summary>Characters that give a plain YAML value another meaning when they start it.</summary>
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    /// <returns>The fields by name (any case); null when the front matter is not of this simple form.</returns>
    public static Dictionary<string, string>? TryRead(ReadOnlySpan<char> yaml)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (!yaml.IsEmpty)
        {
            var lineEnd = yaml.IndexOf('\n');
            var line = lineEnd < 0 ? yaml : yaml[..lineEnd];
            yaml = lineEnd < 0 ? [] : yaml[(lineEnd + 1)..];

            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsName(line[..colon]) || colon + 1 >= line.Length || line[colon + 1] != ' ')
            {
                return null;
            }

            var value = line[(colon + 1)..].Trim(' ');
            if (!IsPlainValue(value) || !fields.TryAdd(line[..colon].ToString(), value.ToString()))
            {
                return null;
            }
        }

        return fields;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (!char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A value YAML reads as the very text written: printable ASCII, no indicator first, no comment, no second mapping.</summary>
    private static bool IsPlainValue(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || Indicators.Contains(value[0]) || value[^1] == ':'
            || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
