using System.Globalization;
using IngestWorker.Core.Errors;

namespace IngestWorker.Database;

/// <summary>The connection string given with --db or INGEST_DB cannot be read.</summary>
public sealed class InvalidConnectionStringException(string message, Exception inner) : IngestWorkerException(ErrorCode.InvalidConnectionString, message, inner);

/// <summary>No connection string where one is required (INGEST_REQUIRE_DB, set in the container image, which has no PostgreSQL).</summary>
public sealed class DatabaseRequiredException()
    : IngestWorkerException(ErrorCode.DatabaseRequired, "This worker has no PostgreSQL of its own here: set INGEST_DB to a server's connection string (docker run -e INGEST_DB=…), or start it with docker-compose.yml, which runs one.");

/// <summary>The server named by --db or INGEST_DB answers, but has no database of that name.</summary>
public sealed class DatabaseMissingException(string database, string host, Exception inner) : IngestWorkerException(ErrorCode.DatabaseMissing,
    $"the database \"{database}\" does not exist on the PostgreSQL server at {host}; create it with `createdb {database}` " +
    $"(or `CREATE DATABASE \"{database}\";` in psql), then start again", inner)
{
    public string Database { get; } = database;
}

/// <summary>A verb that only reads found nothing to read: no server in the data folder, or no log in the database.</summary>
public sealed class NoDataYetException(string message) : IngestWorkerException(ErrorCode.NoDataYet, message);

/// <summary>A worker already runs on this data folder.</summary>
public sealed class DataFolderInUseException(string dataFolder, int? ownerPid) : IngestWorkerException(ErrorCode.DataFolderInUse,
    $"the data folder {dataFolder} is in use by another worker ({(ownerPid is { } pid ? $"process {pid.ToString(CultureInfo.InvariantCulture)}" : "a process that has not said its pid yet")}); " +
    "stop that worker first, or give this one another --data")
{
    public int? OwnerPid { get; } = ownerPid;
}
