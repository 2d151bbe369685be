using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IngestWorker.Core.Yaml;

/// <summary>
/// Stops a YAML document whose lists and mappings nest deeper than a limit. YamlDotNet's parser reads
/// nesting without recursion, but building nodes from it recurses once per level, so 50,000 '[' overflow
/// the stack: a crash no catch can stop. Counting the start and end events as they pass refuses such a
/// document first, with where the nesting went too deep.
/// </summary>
public sealed class DepthLimitedParser(IParser inner, int maxDepth = DepthLimitedParser.DefaultMaxDepth) : IParser
{
    /// <summary>Far deeper than any front matter or rules file needs, far shallower than the stack allows.</summary>
    public const int DefaultMaxDepth = 64;

    private int _depth;

    /// <summary>Where the last event read ended, to name a line when YamlDotNet fails without a position.</summary>
    public Mark LastGood { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    /// <exception cref="YamlNestingException">The document nests deeper than the limit.</exception>
    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastGood = current.End;
        }

        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart:
                if (++_depth > maxDepth)
                {
                    throw new YamlNestingException(inner.Current.Start, inner.Current.End, maxDepth);
                }

                break;
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }

        return true;
    }
}
