using IngestWorker.Core.Errors;

namespace IngestWorker.Hosting;

/// <summary>Whether this process may create and migrate the database schema (<c>--schema-creation</c>, <c>INGEST_SCHEMA_CREATION</c>).</summary>
public sealed record SchemaCreation(bool Enabled)
{
    public const string EnvironmentVariable = "INGEST_SCHEMA_CREATION";

    /// <summary>Exit code of a worker started with creation off on a database whose schema is absent or behind.</summary>
    public const int SchemaNotAppliedExitCode = 4;
}

/// <summary>Schema creation is off and the database's schema is absent or behind this worker's.</summary>
public sealed class SchemaNotAppliedException(Exception inner) : IngestWorkerException(ErrorCode.SchemaNotApplied,
    "the database's schema is missing or behind this worker's, and schema creation is off: apply it with `IngestWorker db-apply` " +
    "(or write the SQL for review with `IngestWorker db-patch FILE` and run it), then start again", inner);
