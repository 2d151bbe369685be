using JasperFx.Events;
using Marten;
using Npgsql;

namespace IngestWorker.EventStore;

/// <summary>
/// Starts streams of one event each, as the inbox records articles: all of a batch at once by Marten's bulk
/// COPY (<c>BulkInsertEventsAsync</c>: two COPYs instead of one append function per stream), and one by one
/// through a session when one of them is there already (another worker raced us to the article, or the file
/// was recorded before a crash), so the stream's unique key still decides who recorded an article.
/// </summary>
public static class StreamStarts
{
    /// <returns>The items whose stream was there already; the others' streams were started.</returns>
    public static async Task<IReadOnlyList<T>> StartAsync<T>(
        IDocumentStore store, IReadOnlyList<T> items, Func<T, string> streamOf, Func<T, object> eventOf, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var existing = new List<T>();
        bool bulk;
        await using (await AppendTurn.HoldAsync(store, ct))
        {
            bulk = await TryBulkAsync(store, items, streamOf, eventOf, ct);
            if (!bulk)
            {
                foreach (var item in items)
                {
                    if (!await TryStartOneAsync(store, item, streamOf, eventOf, ct))
                    {
                        existing.Add(item);
                    }
                }
            }
        }

        // After the turn, which the next batch waits for: the events are committed, and the wake-up only needs to follow them.
        if (bulk)
        {
            await WakeProjectionsAsync(store, ct);
        }

        return existing;
    }

    private static async Task<bool> TryBulkAsync<T>(
        IDocumentStore store, IReadOnlyList<T> items, Func<T, string> streamOf, Func<T, object> eventOf, CancellationToken ct)
    {
        // Marten's event graph is its registry of event types: it names and wraps each event.
        var registry = (IEventRegistry)store.Options.Events;
        var streams = items.Select(item => StreamAction.Start(registry, streamOf(item), eventOf(item))).ToList();
        try
        {
            await store.BulkInsertEventsAsync(streams, streams.Count, ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>
    /// A session's append wakes the projections at once (<see cref="AppendWakeup.OnSessionAppends"/>); the bulk insert has no
    /// session, so it is sent here. Through a session, so Marten's logger sees a commit as it does for every other write (DiskFullWatch).
    /// </summary>
    private static async Task WakeProjectionsAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand(AppendWakeup.NotifySql);
        await session.SaveChangesAsync(ct);
    }

    private static async Task<bool> TryStartOneAsync<T>(
        IDocumentStore store, T item, Func<T, string> streamOf, Func<T, object> eventOf, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(streamOf(item), eventOf(item));
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return false;
        }
    }
}
