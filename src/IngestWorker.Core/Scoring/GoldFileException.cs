namespace IngestWorker.Core.Scoring;

/// <summary>A gold file, or a file to score, that cannot be used; the message is one sentence naming the file.</summary>
public sealed class GoldFileException : Exception
{
    public GoldFileException()
    {
    }

    public GoldFileException(string message)
        : base(message)
    {
    }

    public GoldFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
