namespace IngestWorker.Core.Errors;

/// <summary>
/// What went wrong, for a caller to tell errors apart by (the CLI's exit, the API's problem type), never by
/// the text of a message. Stored nowhere: a code may be added, but one in use keeps its name.
/// </summary>
public enum ErrorCode
{
    /// <summary>A rules file that cannot be used (the message names the line and column).</summary>
    RulesFileInvalid,

    /// <summary>A gold file, or a file to score, that cannot be used.</summary>
    GoldFileInvalid,

    /// <summary>A page asked for with a limit out of range or a cursor this worker never gave.</summary>
    BadPageRequest,

    /// <summary>A base asked for by a name that names none of the known bases, or several.</summary>
    UnknownBase,

    /// <summary>A read model built with rules the log holds no record of.</summary>
    RulesVersionUnknown,

    /// <summary>Another replay holds the database's replay lock.</summary>
    ReplayBusy,
}
