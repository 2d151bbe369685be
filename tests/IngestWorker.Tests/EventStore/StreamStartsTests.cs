using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using Marten;

namespace IngestWorker.Tests.EventStore;

/// <summary>How the inbox starts its articles' streams: in bulk, one by one on a collision, and in its turn.</summary>
public sealed class StreamStartsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static ArticleRejected Note(string text) => new(text, "a note for the test", text.Length);

    private static Task<IReadOnlyList<string>> StartAsync(IDocumentStore store, IReadOnlyList<string> streams) =>
        StreamStarts.StartAsync(store, streams, s => s, s => Note(s), CancellationToken.None);

    private async Task<long?> VersionAsync(string stream)
    {
        await using var query = database.Store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(stream))?.Version;
    }

    [Fact]
    public async Task A_batch_of_new_streams_is_started_whole()
    {
        // Given three streams nobody has started.
        var streams = Enumerable.Range(0, 3).Select(i => $"bulk-{Guid.NewGuid():N}-{i}").ToList();

        // When they are started together.
        var existing = await StartAsync(database.Store, streams);

        // Then none was there already, and each holds its one event.
        Assert.Empty(existing);
        foreach (var stream in streams)
        {
            Assert.Equal(1, await VersionAsync(stream));
        }
    }

    [Fact]
    public async Task A_batch_with_one_stream_already_started_starts_the_others_and_names_that_one()
    {
        // Given a batch of three in which the middle stream was started before (a raced or crashed worker).
        var streams = Enumerable.Range(0, 3).Select(i => $"bulk-{Guid.NewGuid():N}-{i}").ToList();
        await StartAsync(database.Store, [streams[1]]);

        // When the batch is started.
        var existing = await StartAsync(database.Store, streams);

        // Then the middle one is named as there already and keeps its one event; the others are started.
        Assert.Equal([streams[1]], existing);
        foreach (var stream in streams)
        {
            Assert.Equal(1, await VersionAsync(stream));
        }
    }

    [Fact]
    public async Task Streams_wait_for_the_append_turn_while_another_writer_holds_it()
    {
        // Given another writer holding the log's append turn in its open transaction.
        var stream = $"turn-{Guid.NewGuid():N}";
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await AppendTurn.TakeAsync(connection, transaction, CancellationToken.None);

        // When a stream is started meanwhile.
        var starting = StartAsync(database.Store, [stream]);

        // Then it is not written until that writer's transaction ends, and then it is.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(starting.IsCompleted);
        Assert.Null(await VersionAsync(stream));
        await transaction.CommitAsync();
        Assert.Empty(await starting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await VersionAsync(stream));
    }
}
