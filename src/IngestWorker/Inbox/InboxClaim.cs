using IngestWorker.Database;
using Npgsql;

namespace IngestWorker.Inbox;

/// <summary>
/// The files of a batch this worker takes, where several workers watch one inbox: each file by a session lock
/// on its name in the database, held until the batch is handled (its files moved out of the inbox). A file
/// another worker holds is left to it; one it has moved meanwhile is gone when read, and passed by. A worker
/// that dies lets go of its files with its connection, so another takes them at its next scan.
/// </summary>
public sealed class InboxClaim : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private InboxClaim(NpgsqlConnection connection, IReadOnlyList<string> paths)
    {
        _connection = connection;
        Paths = paths;
    }

    /// <summary>The files taken, in the batch's order.</summary>
    public IReadOnlyList<string> Paths { get; }

    public static async Task<InboxClaim> TakeAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> paths, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(paths);
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // By name alone: another worker may see the inbox under another path, and a file that changes keeps its name.
            await using var command = new NpgsqlCommand(
                "select n as name from unnest($1::text[]) as f(n) where pg_try_advisory_lock(hashtextextended('ingest-inbox:' || n, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = paths.Select(Path.GetFileName).ToArray() });
            var taken = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    taken.Add(reader.Text("name"));
                }
            }

            return new InboxClaim(connection, paths.Where(path => taken.Contains(Path.GetFileName(path))).ToList());
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", _connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A connection that broke has let go of its locks with its session.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
