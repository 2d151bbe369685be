namespace IngestWorker.Postgres;

/// <summary>The embedded PostgreSQL could not be created or started; the message says what failed and where to look.</summary>
public sealed class EmbeddedServerException(string message) : Exception(message);
