namespace IngestWorker.Database;

/// <summary>The connection string given with --db or INGEST_DB cannot be read.</summary>
public sealed class InvalidConnectionStringException(string message, Exception inner) : Exception(message, inner);

/// <summary>The embedded PostgreSQL could not be created or started; the message says what failed and where to look.</summary>
public sealed class EmbeddedServerException(string message) : Exception(message);
