using YamlDotNet.Core;

namespace IngestWorker.Core.Yaml;

/// <summary>A YAML document nested deeper than <see cref="DepthLimitedParser"/> allows; a <see cref="YamlException"/> with its position.</summary>
public sealed class YamlNestingException : YamlException
{
    public YamlNestingException(string message)
        : base(message)
    {
    }

    public YamlNestingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public YamlNestingException(Mark start, Mark end, int maxDepth)
        : base(start, end, Describe(maxDepth))
    {
        Problem = Describe(maxDepth);
    }

    /// <summary>What is wrong, without the position YamlDotNet puts in front of the message.</summary>
    public string Problem { get; } = "lists and mappings are nested too deeply.";

    private static string Describe(int maxDepth) => FormattableString.Invariant($"lists and mappings are nested more than {maxDepth} deep.");
}
