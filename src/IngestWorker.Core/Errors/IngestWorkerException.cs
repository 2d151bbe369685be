namespace IngestWorker.Core.Errors;

/// <summary>
/// An error the user can cause or fix, with a message of one sentence meant for them and a <see cref="Code"/>
/// that says which it is. The CLI prints the message (exit 2) and the API answers a problem with the code's type;
/// anything else that escapes is a bug, and shows as one.
/// </summary>
public abstract class IngestWorkerException : Exception
{
    protected IngestWorkerException(ErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public ErrorCode Code { get; }
}
