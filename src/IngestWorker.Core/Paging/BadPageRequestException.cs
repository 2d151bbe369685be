namespace IngestWorker.Core.Paging;

/// <summary>A page was asked for with a limit out of range or a cursor this worker never gave: the caller's mistake.</summary>
public sealed class BadPageRequestException : Exception
{
    public BadPageRequestException()
    {
    }

    public BadPageRequestException(string message)
        : base(message)
    {
    }

    public BadPageRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
