using System.Security.Cryptography;
using Npgsql;

namespace IngestWorker.Postgres;

/// <summary>
/// Who may open a session on the embedded server: only the worker's own user (and root). The socket folder
/// is 0700 and belongs to the server's user, and every login needs a password the worker generated and keeps
/// in the data folder (0600, in the pgpass format Npgsql reads through <c>Passfile</c>), so another local
/// account can neither reach the socket nor log in if it could. TCP stays off (<c>listen_addresses = ''</c>).
/// </summary>
internal sealed class ServerAccess(string dataFolder, string clusterFolder, string? serverUser)
{
    /// <summary>Owner-only: read, write and pass through.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The password file of the data folder, named in every connection string as <c>Passfile</c>.</summary>
    public string PasswordFile { get; } = Path.Combine(dataFolder, "pgpass");

    private string HbaFile => Path.Combine(clusterFolder, "pg_hba.conf");

    /// <summary>Makes a folder the socket lives in unreadable to everyone but its owner (the server's user, given to it afterwards).</summary>
    public static void CloseFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, OwnerOnly);
        }
    }

    /// <summary>
    /// True when logins still go unchecked: a new cluster (initdb runs with trust, since it cannot read a file
    /// of ours as the server's user) or one made before the worker set passwords.
    /// </summary>
    public bool TrustsLogins() =>
        File.ReadLines(HbaFile)
            .Select(line => line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 0 && fields[^1] == "trust");

    /// <summary>
    /// Gives the superuser a generated password, keeps it in <see cref="PasswordFile"/>, and lets only
    /// password logins on the socket in. Runs while the socket folder is already closed to other users.
    /// </summary>
    public async Task RequirePasswordAsync(string connectionString, string superUser, Func<CancellationToken, Task> reload, CancellationToken ct)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);

            // A hex string needs no quoting; PostgreSQL 15 stores it as a SCRAM-SHA-256 verifier.
            await using var alter = new NpgsqlCommand($"alter role \"{superUser}\" password '{password}'", connection);
            await alter.ExecuteNonQueryAsync(ct);
        }

        await WriteOwnerOnlyAsync(PasswordFile, $"*:*:*:{superUser}:{password}\n", ct);
        await File.WriteAllTextAsync(HbaFile,
            "# Written by IngestWorker: sessions only through the socket (TCP is off), each with the password in the data folder's pgpass.\n" +
            "local all all scram-sha-256\n", ct);
        if (serverUser is not null)
        {
            var chown = await ProcessRunner.RunAsync("chown", [$"{serverUser}:", HbaFile], asUser: null, ct);
            if (chown.ExitCode != 0)
            {
                throw new EmbeddedServerException($"Could not give {HbaFile} to the '{serverUser}' user: {chown.Output}");
            }
        }

        await reload(ct);
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken ct)
    {
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created owner-only, so the password is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(temporary, options))
        {
            await file.WriteAsync(text.AsMemory(), ct);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
