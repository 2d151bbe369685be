using IngestWorker.Core.Errors;

namespace IngestWorker.Postgres;

/// <summary>Finds the machine's PostgreSQL server programs (initdb, pg_ctl).</summary>
public sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// <c>INGEST_PG_BIN</c>, then PATH, then Debian's versioned folders (newest first):
    /// a plain <c>apt-get install postgresql</c> puts the server programs only there.
    /// </summary>
    public static PostgresBinaries Locate() => Locate(CandidateFolders());

    /// <summary>The first of <paramref name="folders"/> that holds both server programs.</summary>
    public static PostgresBinaries Locate(IEnumerable<string> folders)
    {
        foreach (var dir in folders)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return new PostgresBinaries(dir);
            }
        }

        throw new PostgresNotInstalledException();
    }

    private static List<string> CandidateFolders()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("INGEST_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/pgsql" })
        {
            if (System.IO.Directory.Exists(root))
            {
                candidates.AddRange(System.IO.Directory.GetDirectories(root)
                    .OrderByDescending(VersionOf)
                    .Select(dir => Path.Combine(dir, "bin")));
            }
        }

        candidates.Add("/usr/local/pgsql/bin");
        return candidates;
    }

    private static int VersionOf(string dir) =>
        int.TryParse(Path.GetFileName(dir), out var version) ? version : 0;
}

/// <summary>No PostgreSQL server programs on this machine, and no server was named.</summary>
public sealed class PostgresNotInstalledException() : IngestWorkerException(ErrorCode.PostgresNotInstalled,
    "PostgreSQL is not installed: install the server with `sudo apt-get install postgresql` " +
    "(or set INGEST_PG_BIN to the folder holding initdb and pg_ctl), or point --db / INGEST_DB at a running server.");
