using Marten;
using Npgsql;

namespace IngestWorker.EventStore;

/// <summary>
/// One writer of events at a time, across every worker on the database (an advisory lock). Marten's bulk
/// insert (<see cref="StreamStarts"/>) moves the projections' high-water mark to its last event as it
/// commits: an append still open below that mark would be passed over by every projection. So every
/// writer of events waits for its turn here before it draws a sequence number.
/// </summary>
public static class AppendTurn
{
    private const string LockKey = "ingestworker.log-append";

    /// <summary>Waits for the turn inside <paramref name="transaction"/>; the turn ends with the transaction.</summary>
    public static async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Waits for the turn on a connection of its own, for writes made on other connections (Marten's bulk
    /// insert opens its own). The turn ends when the result is disposed, or when the connection dies.
    /// </summary>
    public static async Task<IAsyncDisposable> HoldAsync(IDocumentStore store, CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select pg_advisory_lock(hashtextextended($1, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            await command.ExecuteNonQueryAsync(ct);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Given back even when the caller was cancelled: the lock must not stay with a pooled connection.
                await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
