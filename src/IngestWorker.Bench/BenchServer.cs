namespace IngestWorker.Bench;

/// <summary>
/// The PostgreSQL server a bench run uses. Every part asks it for a database of its own, so no part
/// measures the leftovers of another; both sides of every ratio run on the same server.
/// </summary>
/// <param name="CreateDatabaseAsync">Creates an empty database (named after the part) and returns its connection string.</param>
/// <param name="Description">Where the server is, for the report ("embedded PostgreSQL in …").</param>
public sealed record BenchServer(Func<string, CancellationToken, Task<string>> CreateDatabaseAsync, string Description);
