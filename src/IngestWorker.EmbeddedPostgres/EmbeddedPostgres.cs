using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Postgres;

/// <summary>
/// A PostgreSQL server of the worker's own, kept in its data folder and reached only through a unix
/// socket there (no port to collide), by the worker's user alone (<see cref="ServerAccess"/>). Several
/// processes may share one folder: the first starts the server, and the last one to leave stops it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string DatabaseName = "ingest";
    private const string SuperUser = "ingest";
    private const string ServerUserWhenRoot = "postgres";
    private const int Port = 5432;

    /// <summary>Left in a data folder whose server lives elsewhere (see <see cref="ChooseServerRootAsync"/>).</summary>
    private const string ServerLocationFile = "server-location.txt";

    private readonly PostgresBinaries _binaries;
    private readonly string _dataFolder;
    private readonly string _clusterFolder;
    private readonly string _runFolder;
    private readonly string? _runAs;
    private readonly ILogger _logger;
    private readonly ServerAccess _access;

    /// <summary>
    /// The application name of every session this instance's connection strings open, so that at stop its own
    /// sessions still open (a listener, a pool the host has not closed yet) are not taken for another user's.
    /// </summary>
    private readonly string _sessionName = $"IngestWorker {Environment.ProcessId}/{Guid.NewGuid():N}"[..40];
    private bool _disposed;

    private EmbeddedPostgres(PostgresBinaries binaries, string dataFolder, string serverRoot, string? runAs, ILogger logger)
    {
        _binaries = binaries;
        _dataFolder = dataFolder;
        _clusterFolder = Path.Combine(serverRoot, "cluster");
        _runFolder = Path.Combine(serverRoot, "run");
        _runAs = runAs;
        _logger = logger;
        _access = new ServerAccess(dataFolder, _clusterFolder, runAs);
    }

    /// <summary>Connection string for the worker's database on this server.</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _runFolder,
        Port = Port,
        Username = SuperUser,
        Database = database,
        ApplicationName = _sessionName,
        Passfile = _access.PasswordFile,
    }.ConnectionString;

    /// <summary>Uses the server already running in <paramref name="dataFolder"/>, or creates and starts one.</summary>
    /// <param name="create">False for a reader (query, status): a folder with no cluster yet is left as it is (<see cref="ClusterMissingException"/>).</param>
    public static async Task<EmbeddedPostgres> StartAsync(string dataFolder, ILogger logger, CancellationToken ct, bool durable = true, bool create = true)
    {
        var binaries = PostgresBinaries.Locate();
        dataFolder = Path.GetFullPath(dataFolder);
        if (!create && !File.Exists(Path.Combine(dataFolder, "cluster", "PG_VERSION")) && !File.Exists(Path.Combine(dataFolder, ServerLocationFile)))
        {
            throw new ClusterMissingException(dataFolder);
        }

        Directory.CreateDirectory(dataFolder);

        var runAs = Environment.UserName == "root" ? ServerUserWhenRoot : null;
        var serverRoot = await ChooseServerRootAsync(dataFolder, runAs, ct);
        var server = new EmbeddedPostgres(binaries, dataFolder, serverRoot, runAs, logger);

        await using (await FolderLock.AcquireAsync(dataFolder, ct))
        {
            await server.InitialiseIfNewAsync(durable, create, ct);
            await server.StartIfStoppedAsync(ct);
            await server.RestrictAccessAsync(ct);
        }

        if (create)
        {
            await server.CreateDatabaseIfMissingAsync(DatabaseName, ct);
        }
        else if (!await server.DatabaseExistsAsync(DatabaseName, ct))
        {
            // A cluster whose first worker stopped before making its database: nothing to read either.
            await server.DisposeAsync();
            throw new ClusterMissingException(dataFolder);
        }

        return server;
    }

    /// <summary>Creates a database on this server (tests give each class its own).</summary>
    public async Task CreateDatabaseIfMissingAsync(string database, CancellationToken ct)
    {
        if (!await DatabaseExistsAsync(database, ct))
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process created it between our look and our create.
            }
        }
    }

    /// <summary>Stops the server when no other process is using it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using (await FolderLock.AcquireAsync(_dataFolder, CancellationToken.None))
            {
                var others = await OtherSessionsAsync();
                if (others > 0)
                {
                    Log.EmbeddedServerLeftRunning(_logger, others);
                    return;
                }

                var stop = await PgCtlAsync(["stop", "-D", _clusterFolder, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
                if (stop.ExitCode == 0)
                {
                    Log.EmbeddedServerStopped(_logger, _clusterFolder);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            Log.EmbeddedServerStopFailed(_logger, e);
        }
    }

    private async Task<bool> DatabaseExistsAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        return await exists.ExecuteScalarAsync(ct) is not null;
    }

    private async Task InitialiseIfNewAsync(bool durable, bool create, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(_clusterFolder, "PG_VERSION")))
        {
            return;
        }

        if (!create)
        {
            throw new ClusterMissingException(_dataFolder);
        }

        Log.EmbeddedServerInitialising(_logger, _clusterFolder);
        if (Directory.Exists(_clusterFolder))
        {
            // A half-made cluster from an interrupted initdb: initdb wants an empty folder.
            Directory.Delete(_clusterFolder, recursive: true);
        }

        Directory.CreateDirectory(_clusterFolder);
        ServerAccess.CloseFolder(_runFolder);
        await HandToServerUserAsync(ct);

        var init = await ProcessRunner.RunAsync(
            _binaries.InitDb,
            ["-D", _clusterFolder, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"],
            _runAs,
            ct);
        if (init.ExitCode != 0)
        {
            throw new EmbeddedServerException($"initdb failed for {_clusterFolder}: {init.Output}");
        }

        // Reached through the socket in the run folder only; the settings file is ours to rewrite.
        var settings = new StringBuilder()
            .AppendLine("listen_addresses = ''")
            .AppendLine(CultureInvariant($"unix_socket_directories = '{_runFolder.Replace("'", "''", StringComparison.Ordinal)}'"))
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 128MB");
        if (!durable)
        {
            // Throwaway servers (tests, benchmarks of the raw limit use the same server) trade durability for speed.
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }

        await File.AppendAllTextAsync(Path.Combine(_clusterFolder, "postgresql.conf"), "\n" + settings, ct);
        await HandToServerUserAsync(ct);
    }

    private async Task StartIfStoppedAsync(CancellationToken ct)
    {
        var status = await PgCtlAsync(["status", "-D", _clusterFolder], ct);
        if (status.ExitCode == 0)
        {
            Log.EmbeddedServerReused(_logger, _clusterFolder);
            return;
        }

        ServerAccess.CloseFolder(_runFolder);
        await HandToServerUserAsync(ct);
        // The socket goes to this data folder's run folder whatever postgresql.conf says: a data folder that
        // was moved or copied elsewhere would otherwise listen where it used to live. pg_ctl hands -o to a shell.
        var socketFolder = "'" + _runFolder.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var start = await PgCtlAsync(
            ["start", "-D", _clusterFolder, "-l", Path.Combine(_runFolder, "server.log"), "-o", $"-k {socketFolder} -c unix_socket_permissions=0700", "-w", "-t", "60"], ct);
        if (start.ExitCode != 0)
        {
            throw new EmbeddedServerException(
                $"PostgreSQL in {_clusterFolder} did not start ({start.Output}); see {Path.Combine(_runFolder, "server.log")}.");
        }

        Log.EmbeddedServerStarted(_logger, _clusterFolder);
    }

    /// <summary>
    /// Closes the socket folder (also on a server already running, started by an older worker) and, where
    /// logins are still unchecked, sets the password every session then needs.
    /// </summary>
    private async Task RestrictAccessAsync(CancellationToken ct)
    {
        ServerAccess.CloseFolder(_runFolder);
        if (!_access.TrustsLogins())
        {
            return;
        }

        await _access.RequirePasswordAsync(ConnectionStringFor("postgres"), SuperUser, async token =>
        {
            var reload = await PgCtlAsync(["reload", "-D", _clusterFolder], token);
            if (reload.ExitCode != 0)
            {
                throw new EmbeddedServerException($"PostgreSQL in {_clusterFolder} did not reload its login rules: {reload.Output}");
            }
        }, ct);
        Log.EmbeddedServerPasswordSet(_logger, _access.PasswordFile);
    }

    private Task<ProcessRunner.Result> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        ProcessRunner.RunAsync(_binaries.PgCtl, arguments, _runAs, ct);

    private async Task HandToServerUserAsync(CancellationToken ct)
    {
        if (_runAs is null)
        {
            return;
        }

        foreach (var folder in new[] { _clusterFolder, _runFolder })
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{_runAs}:", folder], asUser: null, ct);
            if (chown.ExitCode != 0)
            {
                throw new EmbeddedServerException($"Could not give {folder} to the '{_runAs}' user: {chown.Output}");
            }
        }
    }

    /// <summary>The server's main process, from its pid file; null when it has none.</summary>
    public int? ServerProcessId()
    {
        var pidFile = Path.Combine(_clusterFolder, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
    }

    /// <summary>Starts the server again if it is not running (killed under the worker); true when it had to.</summary>
    public async Task<bool> EnsureRunningAsync(CancellationToken ct)
    {
        if ((await PgCtlAsync(["status", "-D", _clusterFolder], ct)).ExitCode == 0)
        {
            return false;
        }

        await using (await FolderLock.AcquireAsync(_dataFolder, ct))
        {
            await StartIfStoppedAsync(ct);
        }

        // Pooled connections to the dead server are broken: let every pool open new ones.
        NpgsqlConnection.ClearAllPools();
        return true;
    }

    private async Task<long> OtherSessionsAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where backend_type = 'client backend' and application_name <> $1",
                connection);
            count.Parameters.Add(new NpgsqlParameter { Value = _sessionName });
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The data folder itself, unless the server user (as root: postgres) cannot reach it — for example
    /// a clone under /root — or the socket path would pass the kernel's limit; then a folder of its own under the temp folder.
    /// </summary>
    private static async Task<string> ChooseServerRootAsync(string dataFolder, string? runAs, CancellationToken ct)
    {
        const int MaxSocketPath = 100;
        var socketPathLength = Path.Combine(dataFolder, "run", $".s.PGSQL.{Port}").Length;
        // The server's own folders are handed to the server user; it only needs to pass through the data folder.
        var reachable = runAs is null
            || (await ProcessRunner.RunAsync("test", ["-x", dataFolder], runAs, ct)).ExitCode == 0;
        if (reachable && socketPathLength <= MaxSocketPath)
        {
            return dataFolder;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataFolder)))[..12];
        var fallback = Path.Combine(Path.GetTempPath(), $"ingestworker-pg-{key}");
        Directory.CreateDirectory(fallback);
        await File.WriteAllTextAsync(Path.Combine(dataFolder, ServerLocationFile),
            $"The PostgreSQL server of this folder lives in {fallback}: the server user cannot reach this folder or its path is too long for a socket.\n", ct);
        return fallback;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
