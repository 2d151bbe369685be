using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Bench;

/// <summary>
/// The raw side of the inbox figures: the least work that turns a file into a durable row — read it,
/// hash it, write (hash, name, text), move it to an archive — with no event store, no projection, no watcher.
/// The text is compressed with lz4, as the worker stores the log's bodies (<see cref="EventStore.LogSql.CompressBodiesWithLz4"/>).
/// </summary>
internal static class RawArticleTable
{
    public const string Table = RawEventTable.Schema + ".articles";

    public static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            create schema if not exists {RawEventTable.Schema};
            create table if not exists {Table} (content_hash text primary key, file_name text not null, text text compression lz4 not null);
            truncate {Table};
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Files in name order, <paramref name="batch"/> per binary COPY (one transaction), then moved.</summary>
    public static async Task IngestAsync(NpgsqlDataSource dataSource, string inbox, string archive, int batch, CancellationToken ct)
    {
        Directory.CreateDirectory(archive);
        var files = Directory.GetFiles(inbox).Order(StringComparer.Ordinal).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var chunk in files.Chunk(batch))
        {
            await using (var importer = await connection.BeginBinaryImportAsync($"copy {Table} (content_hash, file_name, text) from stdin (format binary)", ct))
            {
                foreach (var path in chunk)
                {
                    var (hash, text) = await ReadAsync(path, ct);
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(hash, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(Path.GetFileName(path), NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(text, NpgsqlDbType.Text, ct);
                }

                await importer.CompleteAsync(ct);
            }

            foreach (var path in chunk)
            {
                File.Move(path, Path.Combine(archive, Path.GetFileName(path)));
            }
        }
    }

    /// <summary>One file in its own (autocommitted) INSERT, as a lone drop is taken.</summary>
    public static async Task IngestOneAsync(NpgsqlConnection connection, string path, string archive, CancellationToken ct)
    {
        var (hash, text) = await ReadAsync(path, ct);
        await using var insert = new NpgsqlCommand($"insert into {Table} (content_hash, file_name, text) values ($1, $2, $3)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = hash });
        insert.Parameters.Add(new NpgsqlParameter { Value = Path.GetFileName(path) });
        insert.Parameters.Add(new NpgsqlParameter { Value = text });
        await insert.ExecuteNonQueryAsync(ct);
        File.Move(path, Path.Combine(archive, Path.GetFileName(path)));
    }

    public static async Task<bool> HoldsAsync(NpgsqlConnection connection, string fileName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select exists (select 1 from {Table} where file_name = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = fileName });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<(string Hash, string Text)> ReadAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), Encoding.UTF8.GetString(bytes));
    }
}
