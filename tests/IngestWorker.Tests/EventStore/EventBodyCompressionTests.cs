using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.EventStore;

/// <summary>An article's body is compressed once and read by every projection and replay: the worker stores it with lz4.</summary>
public sealed class EventBodyCompressionTests
{
    [Fact]
    public async Task A_worker_stores_the_articles_of_its_log_compressed_with_lz4()
    {
        // Given a worker started on an empty database.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using var worker = await RunningWorker.StartAsync(connectionString, Paths.Scratch("lz4-bodies"));

        // When an article long enough to be compressed reaches the log.
        var body = string.Join("\n\n", Enumerable.Range(1, 60).Select(i => $"Paragraph {i}: about {i * 100} troops are said to be at the base, officials said."));
        await using (var session = worker.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream("lz4-report", new ArticleReceived("long.txt", "A long report", null, null, null, body, "long-hash", body.Length));
            await session.SaveChangesAsync();
        }

        // Then its event's JSON, kept as bytes, is stored compressed with lz4.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select pg_column_compression(bdata) from {LogSql.Events} where stream_id = 'lz4-report'", connection);
        Assert.Equal("lz4", await command.ExecuteScalarAsync());
    }
}
