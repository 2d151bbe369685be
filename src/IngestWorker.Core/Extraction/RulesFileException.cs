namespace IngestWorker.Core.Extraction;

/// <summary>
/// A rules file that cannot be used. The message names the file, the line and column, and what is wrong,
/// in one sentence meant for the person editing the file.
/// </summary>
public sealed class RulesFileException : Exception
{
    public RulesFileException(string message)
        : base(message)
    {
    }

    public RulesFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RulesFileException()
    {
    }

    public RulesFileException(string sourceName, long line, long column, string problem, Exception? innerException = null)
        : base($"{sourceName}, line {line}, column {column}: {problem}", innerException)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>The rules file (or name given to the text) that is wrong.</summary>
    public string? SourceName { get; }

    /// <summary>1-based line of the problem; 0 when it is not about one place in the file.</summary>
    public long Line { get; }

    /// <summary>1-based column of the problem; 0 when it is not about one place in the file.</summary>
    public long Column { get; }
}
