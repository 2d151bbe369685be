using IngestWorker.Database;
using IngestWorker.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Hosting;

/// <summary>Where the log lives: a server named by <c>--db</c> / <c>INGEST_DB</c>, else the embedded one in the data folder.</summary>
/// <param name="ServerRequired">Set where no embedded server can run (the container image): no connection string is then an error.</param>
public sealed record DatabaseSettings(string DataFolder, string? ConnectionString, bool ServerRequired = false)
{
    public const string EnvironmentVariable = "INGEST_DB";
    public const string RequiredVariable = "INGEST_REQUIRE_DB";
    public const string DefaultDataFolder = ".ingest";

    public static DatabaseSettings From(string? dataFolder, string? connectionString) =>
        new(dataFolder ?? DefaultDataFolder,
            connectionString ?? NullIfEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)),
            Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>What a process opening the database is about to do with it.</summary>
public enum DatabaseUse
{
    /// <summary>The running worker: the one process of its data folder; creates the server and the schema.</summary>
    Worker,

    /// <summary>A one-shot verb that writes (replay): shares a running worker's server, creates what is missing.</summary>
    Writer,

    /// <summary>A one-shot verb that only reads (query, status): creates nothing, not even a server.</summary>
    Reader,
}

/// <summary>An open way to the database, with the embedded server kept alive for as long as it is held.</summary>
public sealed class DatabaseTarget : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;
    private readonly WorkerFolderLock? _folderLock;

    private DatabaseTarget(string connectionString, string description, EmbeddedPostgres? embedded, WorkerFolderLock? folderLock = null)
    {
        ConnectionString = connectionString;
        Description = description;
        _embedded = embedded;
        _folderLock = folderLock;
    }

    public string ConnectionString { get; }

    /// <summary>The worker's own server, when no connection string was given.</summary>
    public EmbeddedPostgres? Embedded => _embedded;

    /// <summary>Where the database is, for people: "embedded PostgreSQL in …" or the server's host.</summary>
    public string Description { get; }

    /// <exception cref="DataFolderInUseException">A worker already runs on the data folder (<see cref="DatabaseUse.Worker"/> only).</exception>
    /// <exception cref="NoDataYetException">A reader found no server in the data folder.</exception>
    /// <exception cref="DatabaseMissingException">The server named by --db has no such database.</exception>
    public static async Task<DatabaseTarget> OpenAsync(DatabaseSettings settings, ILoggerFactory loggers, CancellationToken ct, DatabaseUse use = DatabaseUse.Writer)
    {
        if (settings.ConnectionString is { } configured)
        {
            NpgsqlConnectionStringBuilder parsed;
            try
            {
                parsed = new NpgsqlConnectionStringBuilder(configured);
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException or InvalidCastException)
            {
                // Npgsql's parser fails on some malformed strings with other exception types than ArgumentException.
                throw new InvalidConnectionStringException($"The connection string from --db or {DatabaseSettings.EnvironmentVariable} is not valid (it takes key=value pairs such as Host=db;Database=ingest;Username=ingest): {e.Message}", e);
            }

            var tuned = Tune(parsed);
            await CheckDatabaseExistsAsync(tuned, ct);
            return new DatabaseTarget(tuned, $"PostgreSQL at {parsed.Host}/{parsed.Database}", embedded: null);
        }

        if (settings.ServerRequired)
        {
            throw new DatabaseRequiredException();
        }

        // Taken before the server is touched, so a second worker changes nothing in the folder.
        var folderLock = use == DatabaseUse.Worker ? WorkerFolderLock.Acquire(settings.DataFolder) : null;
        try
        {
            var embedded = await EmbeddedPostgres.StartAsync(settings.DataFolder, loggers.CreateLogger<EmbeddedPostgres>(), ct, create: use != DatabaseUse.Reader);
            return new DatabaseTarget(
                Tune(new NpgsqlConnectionStringBuilder(embedded.ConnectionString)),
                $"embedded PostgreSQL in {Path.GetFullPath(settings.DataFolder)}",
                embedded,
                folderLock);
        }
        catch (ClusterMissingException e)
        {
            throw new NoDataYetException($"no data yet in {e.DataFolder}: no worker has run on this folder (start one with `IngestWorker run`, or name another folder with --data)");
        }
        catch
        {
            folderLock?.Dispose();
            throw;
        }
    }

    /// <summary>A database missing on a server someone else runs is theirs to create: say so before anything else tries.</summary>
    private static async Task CheckDatabaseExistsAsync(string connectionString, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(probe.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new DatabaseMissingException(probe.Database ?? probe.Username ?? "(unnamed)", probe.Host ?? "localhost", e);
        }
    }

    /// <summary>Settings every worker session gets, whoever runs the server.</summary>
    internal static string Tune(NpgsqlConnectionStringBuilder builder)
    {
        builder.ApplicationName ??= "IngestWorker";

        // A session left idle in a transaction would hold back every reader of the log.
        builder.Options = string.Join(' ', new[] { builder.Options, "-c idle_in_transaction_session_timeout=60000" }.Where(o => !string.IsNullOrEmpty(o)));
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 50;
        }

        // Npgsql resets a pooled connection's session state on reuse (its default, kept on purpose): Marten
        // and Wolverine take session-level advisory locks and LISTEN, which must never leak to the next user.

        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        _folderLock?.Dispose();
    }
}
