using IngestWorker.Core.Errors;

namespace IngestWorker.Core.Paging;

/// <summary>A page was asked for with a limit out of range or a cursor this worker never gave: the caller's mistake.</summary>
public sealed class BadPageRequestException : IngestWorkerException
{
    public BadPageRequestException()
        : base(ErrorCode.BadPageRequest, "the page asked for is not one this worker can give.")
    {
    }

    public BadPageRequestException(string message)
        : base(ErrorCode.BadPageRequest, message)
    {
    }

    public BadPageRequestException(string message, Exception inner)
        : base(ErrorCode.BadPageRequest, message, inner)
    {
    }
}
