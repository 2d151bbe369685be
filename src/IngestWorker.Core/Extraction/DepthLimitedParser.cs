using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Remembers the end of the last event read, so a failure without a position can still name a line, and
/// stops at lists or mappings nested deeper than <see cref="MaxDepth"/>: building the nodes recurses,
/// and a file of thousands of '[' would otherwise end the process with a stack overflow.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, string sourceName) : IParser
{
    /// <summary>Far deeper than any rules file needs (they nest four levels).</summary>
    public const int MaxDepth = 64;

    private int _depth;

    public Mark LastGood { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

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
            case SequenceStart or MappingStart when ++_depth > MaxDepth:
                throw new RulesFileException(sourceName, inner.Current.Start.Line, inner.Current.Start.Column,
                    $"lists and mappings are nested more than {MaxDepth} deep here; a rules file needs a few levels.");
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }

        return true;
    }
}
