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

    /// <summary>No PostgreSQL server programs on this machine, and no server named.</summary>
    PostgresNotInstalled,

    /// <summary>The worker's own PostgreSQL could not be created or started.</summary>
    EmbeddedServerFailed,

    /// <summary>The connection string given cannot be read.</summary>
    InvalidConnectionString,

    /// <summary>No connection string where one is required (a container without PostgreSQL of its own).</summary>
    DatabaseRequired,

    /// <summary>The server named answers, but has no database of that name.</summary>
    DatabaseMissing,

    /// <summary>A verb that only reads found nothing to read yet.</summary>
    NoDataYet,

    /// <summary>A worker already runs on this data folder.</summary>
    DataFolderInUse,

    /// <summary>Schema creation is off and the database's schema is absent or behind the worker's.</summary>
    SchemaNotApplied,

    /// <summary>Another program already listens on an address the HTTP API was told to listen on.</summary>
    ListenAddressInUse,
}
