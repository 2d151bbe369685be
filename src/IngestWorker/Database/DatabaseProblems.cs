namespace IngestWorker.Database;

/// <summary>The connection string given with --db or INGEST_DB cannot be read.</summary>
public sealed class InvalidConnectionStringException(string message, Exception inner) : Exception(message, inner);

/// <summary>No connection string where one is required (INGEST_REQUIRE_DB, set in the container image, which has no PostgreSQL).</summary>
public sealed class DatabaseRequiredException()
    : Exception("This worker has no PostgreSQL of its own here: set INGEST_DB to a server's connection string (docker run -e INGEST_DB=…), or start it with docker-compose.yml, which runs one.");
