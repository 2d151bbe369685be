using IngestWorker.Core.Errors;

namespace IngestWorker.Core.Scoring;

/// <summary>A gold file, or a file to score, that cannot be used; the message is one sentence naming the file.</summary>
public sealed class GoldFileException : IngestWorkerException
{
    public GoldFileException()
        : base(ErrorCode.GoldFileInvalid, "the gold file cannot be used.")
    {
    }

    public GoldFileException(string message)
        : base(ErrorCode.GoldFileInvalid, message)
    {
    }

    public GoldFileException(string message, Exception inner)
        : base(ErrorCode.GoldFileInvalid, message, inner)
    {
    }
}
