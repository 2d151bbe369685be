using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;

namespace IngestWorker.Tests.EventStore;

/// <summary>The log's promises, held by Marten as the project configures it.</summary>
public sealed class EventStoreTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static ArticleRejected Note(string text) => new(text, "a note for the test", text.Length);

    [Fact]
    public async Task Eight_concurrent_writers_store_every_event_once_with_dense_versions()
    {
        // Given eight writers racing for ten shared streams.
        const int Writers = 8, EventsEach = 200;
        var prefix = $"race-{Guid.NewGuid():N}-";

        // (Each stream is started first: starting a stream is the inbox's race, tested on its own below.)
        await using (var start = database.Store.LightweightSession())
        {
            for (var s = 0; s < 10; s++)
            {
                start.Events.StartStream(prefix + s, Note($"start:{s}"));
            }

            await start.SaveChangesAsync();
        }

        // When each appends its events one at a time at the version it believes, retrying on a conflict.
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var versions = Enumerable.Range(0, 10).ToDictionary(s => prefix + s, _ => 1L);
            for (var i = 0; i < EventsEach; i++)
            {
                var stream = prefix + (i % 10);
                while (true)
                {
                    var expected = versions.GetValueOrDefault(stream);
                    await using var session = database.Store.LightweightSession();
                    session.Events.Append(stream, expected + 1, Note($"{writer}:{i}"));
                    try
                    {
                        await session.SaveChangesAsync();
                        versions[stream] = expected + 1;
                        break;
                    }
                    catch (EventStreamUnexpectedMaxEventIdException)
                    {
                        Interlocked.Increment(ref conflicts);
                        await using var query = database.Store.QuerySession();
                        versions[stream] = (await query.Events.FetchStreamStateAsync(stream))?.Version ?? 0;
                    }
                }
            }
        })));

        // Then every event is stored once, and each stream's versions are dense.
        var stored = new List<IEvent>();
        await using var reader = database.Store.QuerySession();
        for (var s = 0; s < 10; s++)
        {
            var events = await reader.Events.FetchStreamAsync(prefix + s);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
            stored.AddRange(events);
        }

        Assert.Equal(Writers * EventsEach + 10, stored.Count);
        Assert.Equal(Writers * EventsEach + 10, stored.Select(e => ((ArticleRejected)e.Data).FileName).Distinct().Count());
        Assert.True(conflicts > 0, "the writers never raced for a stream, so the test proved nothing");
    }

    [Fact]
    public async Task Starting_an_article_stream_that_exists_is_a_typed_collision_and_stores_nothing()
    {
        var stream = $"article-{Guid.NewGuid():N}";
        await using (var first = database.Store.LightweightSession())
        {
            first.Events.StartStream(stream, Note("first"));
            await first.SaveChangesAsync();
        }

        await using var again = database.Store.LightweightSession();
        again.Events.StartStream(stream, Note("again"));
        var error = await Record.ExceptionAsync(() => again.SaveChangesAsync());

        Assert.True(error is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException,
            $"expected a stream collision, got {error?.GetType().FullName ?? "nothing"}");
        await using var reader = database.Store.QuerySession();
        Assert.Single(await reader.Events.FetchStreamAsync(stream));
    }

    [Fact]
    public async Task A_save_with_one_colliding_stream_appends_nothing_at_all()
    {
        var fresh = $"article-fresh-{Guid.NewGuid():N}";
        var taken = $"article-taken-{Guid.NewGuid():N}";
        await using (var first = database.Store.LightweightSession())
        {
            first.Events.StartStream(taken, Note("first"));
            await first.SaveChangesAsync();
        }

        await using var both = database.Store.LightweightSession();
        both.Events.StartStream(fresh, Note("a"));
        both.Events.StartStream(taken, Note("b"));
        await Assert.ThrowsAnyAsync<Exception>(() => both.SaveChangesAsync());

        await using var reader = database.Store.QuerySession();
        Assert.Empty(await reader.Events.FetchStreamAsync(fresh));
    }

    [Fact]
    public async Task Events_are_stored_under_their_catalogued_names_not_their_class_names()
    {
        var stream = $"names-{Guid.NewGuid():N}";
        await using (var session = database.Store.LightweightSession())
        {
            session.Events.StartStream(stream, Note("named"), new RulesApplied("v1", "places: {}", "test"));
            await session.SaveChangesAsync();
        }

        await using var command = database.DataSource.CreateCommand($"select type from {LogStore.Schema}.mt_events where stream_id = $1 order by version");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = stream });
        var types = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types.Add(reader.GetString(0));
            }
        }

        Assert.Equal([EventCatalogue.ArticleRejectedName, EventCatalogue.RulesAppliedName], types);
    }
}
