using System.Text.Json;
using IngestWorker.EventStore;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.EventStore;

public sealed class EventStoreTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static NewEvent Note(string text) => new("Noted", JsonSerializer.Serialize(new { text }));

    [Fact]
    public async Task Eight_concurrent_writers_store_every_event_once_with_dense_versions_and_a_reader_sees_each_once_in_order()
    {
        // Given eight writers racing for ten shared streams, and a reader following the log while they write.
        var store = database.Store;
        const int Writers = 8, EventsEach = 500;
        var prefix = $"race-{Guid.NewGuid():N}-";
        using var writersDone = new CancellationTokenSource();
        var seen = new List<StoredEvent>();
        var reader = Task.Run(async () =>
        {
            // Reads until the writers are done and it has caught up with all they wrote (or gives up after a minute).
            var position = LogPosition.Start;
            var giveUp = DateTime.UtcNow.AddMinutes(1);
            while (!(writersDone.IsCancellationRequested && seen.Count >= Writers * EventsEach) && DateTime.UtcNow < giveUp)
            {
                var page = await store.ReadAllAsync(position, new PageSize(300), CancellationToken.None);
                seen.AddRange(page.Events.Where(e => e.StreamId.StartsWith(prefix, StringComparison.Ordinal)));
                position = page.Next;
                if (page.Events.Count == 0)
                {
                    await Task.Delay(5);
                }
            }

            // One more page: anything read twice would show here.
            seen.AddRange((await store.ReadAllAsync(position, new PageSize(300), CancellationToken.None)).Events.Where(e => e.StreamId.StartsWith(prefix, StringComparison.Ordinal)));
        });

        // When each appends its events one at a time, retrying on a concurrency conflict.
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var versions = new Dictionary<string, int>();
            for (var i = 0; i < EventsEach; i++)
            {
                var stream = prefix + (i % 10);
                while (true)
                {
                    var expected = versions.GetValueOrDefault(stream);
                    try
                    {
                        await store.AppendAsync(stream, expected, [Note($"{writer}:{i}")], CancellationToken.None);
                        versions[stream] = expected + 1;
                        break;
                    }
                    catch (ConcurrencyException e)
                    {
                        Interlocked.Increment(ref conflicts);
                        versions[stream] = e.ActualVersion;
                    }
                }
            }
        })));
        await writersDone.CancelAsync();
        await reader;

        // Then every event is stored once, versions are dense, and the reader saw each once, in order.
        var stored = new List<StoredEvent>();
        for (var s = 0; s < 10; s++)
        {
            var events = await store.ReadStreamAsync(prefix + s, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Version));
            stored.AddRange(events);
        }

        Assert.Equal(Writers * EventsEach, stored.Count);
        Assert.Equal(Writers * EventsEach, stored.Select(e => e.Data).Distinct().Count());
        Assert.True(conflicts > 0, "the writers never raced for a stream, so the test proved nothing");
        Assert.Equal(stored.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence).Order());
        Assert.Equal(seen.Count, seen.Select(e => e.Sequence).Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Position.CompareTo(pair.Second.Position) < 0), "the reader saw events out of log order");
    }

    [Fact]
    public async Task A_lower_sequence_that_commits_late_is_not_skipped_by_a_polling_reader_nor_by_one_restarted_from_its_checkpoint()
    {
        // Given a reader that has caught up with the log.
        var store = database.Store;
        var stream = $"late-{Guid.NewGuid():N}";
        await store.AppendAsync(stream + "-before", StreamAppend.NoStream, [Note("before")], CancellationToken.None);
        var caughtUp = new List<StoredEvent>();
        var checkpoint = LogPosition.Start;
        await Eventually.HoldsAsync(async () =>
        {
            checkpoint = await ReadToEndAsync(store, checkpoint, caughtUp);
            return caughtUp.Any(e => e.StreamId == stream + "-before");
        }, "the reader has caught up");

        // When a transaction takes a sequence and stays open while a later one commits.
        await using var slow = await database.DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await PostgresEventStore.AppendAsync(slow, slowTransaction, [new StreamAppend(stream + "-slow", StreamAppend.NoStream, [Note("slow")])], CancellationToken.None);
        await store.AppendAsync(stream + "-fast", StreamAppend.NoStream, [Note("fast")], CancellationToken.None);

        var pollingReader = new List<StoredEvent>();
        var pollingCheckpoint = await ReadToEndAsync(store, checkpoint, pollingReader);
        Assert.DoesNotContain(pollingReader, e => e.StreamId == stream + "-slow" || e.StreamId == stream + "-fast");

        await slowTransaction.CommitAsync();

        // Then the polling reader goes on to both, the slow one first, and so does a reader restarted from the saved checkpoint.
        // (Other test classes share the server: their transactions in flight may hold the readers back a moment.)
        var restarted = new List<StoredEvent>();
        var restartedAt = pollingCheckpoint;
        await Eventually.HoldsAsync(async () =>
        {
            pollingCheckpoint = await ReadToEndAsync(store, pollingCheckpoint, pollingReader);
            restartedAt = await ReadToEndAsync(store, restartedAt, restarted);
            return new[] { pollingReader, restarted }.All(reader => reader.Any(e => e.StreamId == stream + "-fast"));
        }, "both readers reach the fast event");
        foreach (var reader in new[] { pollingReader, restarted })
        {
            var ours = reader.Select(e => e.StreamId).Where(id => id == stream + "-slow" || id == stream + "-fast").ToList();
            Assert.Equal([stream + "-slow", stream + "-fast"], ours);
        }

        var slowEvent = pollingReader.Single(e => e.StreamId == stream + "-slow");
        var fastEvent = pollingReader.Single(e => e.StreamId == stream + "-fast");
        Assert.True(slowEvent.Sequence < fastEvent.Sequence, "the slow transaction should hold the lower sequence");
    }

    [Fact]
    public async Task An_append_at_the_wrong_expected_version_raises_a_concurrency_exception_and_stores_nothing()
    {
        var store = database.Store;
        var stream = $"conflict-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, StreamAppend.NoStream, [Note("first")], CancellationToken.None);

        var behind = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(stream, StreamAppend.NoStream, [Note("again")], CancellationToken.None));
        var ahead = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendAsync(stream, 5, [Note("gap")], CancellationToken.None));

        Assert.Equal((stream, 0, 1), (behind.StreamId, behind.ExpectedVersion, behind.ActualVersion));
        Assert.Equal((5, 1), (ahead.ExpectedVersion, ahead.ActualVersion));
        Assert.Single(await store.ReadStreamAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_with_one_stale_stream_appends_nothing_at_all()
    {
        var store = database.Store;
        var fresh = $"batch-fresh-{Guid.NewGuid():N}";
        var taken = $"batch-taken-{Guid.NewGuid():N}";
        await store.AppendAsync(taken, StreamAppend.NoStream, [Note("first")], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(
            [new StreamAppend(fresh, StreamAppend.NoStream, [Note("a")]), new StreamAppend(taken, StreamAppend.NoStream, [Note("b")])],
            CancellationToken.None));

        Assert.Empty(await store.ReadStreamAsync(fresh, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_of_the_log_ends_at_its_byte_budget_but_always_holds_one_event()
    {
        // Given events of about 300 KB each (random text, which does not compress).
        var store = database.Store;
        var stream = $"large-{Guid.NewGuid():N}";
        var random = new Random(7);
        var large = Enumerable.Range(0, 6)
            .Select(_ => Note(new string(Enumerable.Range(0, 300_000).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray())))
            .ToList();
        await store.AppendAsync(stream, StreamAppend.NoStream, large, CancellationToken.None);
        var ours = new List<StoredEvent>();
        var start = LogPosition.Start;
        await Eventually.HoldsAsync(async () =>
        {
            start = await ReadToEndAsync(store, start, ours);
            return ours.Any(e => e.StreamId == stream);
        }, "the large events are readable");
        var first = ours.First(e => e.StreamId == stream);
        var before = new LogPosition(first.TransactionId, first.Sequence - 1);

        // When pages are read with a 700 KB budget, and with a budget smaller than one event.
        var page = await store.ReadAllAsync(before, new PageSize(100, 700 * 1024), CancellationToken.None);
        var tiny = await store.ReadAllAsync(before, new PageSize(100, 1), CancellationToken.None);

        // Then the first page stops at about 700 KB, and the tiny budget still moves on by one event.
        Assert.InRange(page.Events.Count, 2, 5);
        Assert.Single(tiny.Events);
        Assert.Equal(first.Sequence, tiny.Events[0].Sequence);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await EventStoreSchema.MigrateAsync(database.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        await using var command = database.DataSource.CreateCommand("select count(*) from ingest.schema_migrations");
        var steps = (long)(await command.ExecuteScalarAsync())!;
        await EventStoreSchema.MigrateAsync(database.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        Assert.Equal(steps, (long)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<LogPosition> ReadToEndAsync(PostgresEventStore store, LogPosition from, List<StoredEvent> into)
    {
        var position = from;
        while (true)
        {
            var page = await store.ReadAllAsync(position, new PageSize(500, long.MaxValue), CancellationToken.None);
            into.AddRange(page.Events);
            position = page.Next;
            if (page.Events.Count == 0)
            {
                return position;
            }
        }
    }
}
