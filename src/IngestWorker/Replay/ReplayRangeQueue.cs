using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Marten;

namespace IngestWorker.Replay;

/// <summary>
/// Hands a replay's ranges to every worker on the database through Wolverine's PostgreSQL queue of that name
/// (competing consumers, durable: a message taken by a worker that dies goes to another). Only the running
/// worker registers it; a one-shot verb replays with its own cores alone.
/// </summary>
public sealed class ReplayRangeQueue(IServiceProvider services, IDocumentStore store, IHostApplicationLifetime lifetime)
{
    public const string Name = "replay_ranges";

    /// <summary>
    /// Publishes one message per range, all in one outbox transaction (one round trip for all of them, where one
    /// publish after another cost a round trip each); false while the host has not started (a replay at start runs alone).
    /// </summary>
    public async Task<bool> TryPublishAsync(IReadOnlyList<ReplayRange> ranges, CancellationToken ct)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return false;
        }

        using var scope = services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = store.LightweightSession();
        outbox.Enroll(session);
        foreach (var range in ranges)
        {
            await outbox.PublishAsync(range);
        }

        await session.SaveChangesAsync(ct);
        return true;
    }
}
