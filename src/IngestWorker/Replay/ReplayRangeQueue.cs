using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine.Configuration;
using Wolverine.Marten;
using Wolverine.Runtime;
using Wolverine.Transports;

namespace IngestWorker.Replay;

/// <summary>
/// Hands a replay's ranges to every worker on the database through Wolverine's PostgreSQL queue of that name
/// (competing consumers, durable: a message taken by a worker that dies goes to another). Only the running
/// worker registers it; a one-shot verb replays with its own cores alone.
/// </summary>
public sealed class ReplayRangeQueue(IServiceProvider services, IDocumentStore store, IHostApplicationLifetime lifetime, ILogger<ReplayRangeQueue> logger)
{
    public const string Name = "replay_ranges";

    /// <summary>
    /// Publishes one message per range, all in one outbox transaction (one round trip for all of them, where one
    /// publish after another cost a round trip each). None while the host has not started: a replay at start runs
    /// alone, on this worker's own cores, which take every range either way.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<ReplayRange> ranges, CancellationToken ct)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
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
    }

    /// <summary>
    /// Stops this worker's own listener of the queue until the result is disposed: the worker that coordinates a
    /// replay takes its ranges on every core itself, so its listener would only take the other workers' invitations
    /// (each message it took would be one range fewer for them) and crowd its cores. The messages nobody took are purged
    /// once every range is done (<see cref="ForgetInvitationsAsync"/>); one a worker had taken by then is passed by.
    /// </summary>
    public async Task<IAsyncDisposable> StandAsideAsync()
    {
        var listener = Listener(services.GetRequiredService<IWolverineRuntime>().Endpoints);
        if (!lifetime.ApplicationStarted.IsCancellationRequested || listener is null)
        {
            return new ListeningAgain(null);
        }

        await listener.StopAndDrainAsync();
        return new ListeningAgain(listener);
    }

    /// <summary>
    /// Deletes the invitations still in the queue once every range of the replay is done, whoever did it: each names a
    /// range that is over. Left there, they are what a worker that joins later takes first, a poll at a time, before the
    /// ranges of the next replay. Replays run one at a time (the replay lock), so no message in the queue is of a replay
    /// still running; one a worker has already taken is passed by, as before.
    /// </summary>
    public async Task ForgetInvitationsAsync()
    {
        var endpoints = services.GetRequiredService<IWolverineRuntime>().Endpoints;
        if (Listener(endpoints) is { } listener && endpoints.EndpointFor(listener.Uri) is IBrokerQueue queue)
        {
            await queue.PurgeAsync(logger);
        }
    }

    private static IListeningAgent? Listener(IEndpointCollection endpoints) =>
        endpoints.FindListeningAgent(Name) ?? endpoints.ActiveListeners().FirstOrDefault(a => a.Uri.Authority == Name);

    private sealed class ListeningAgain(IListeningAgent? listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (listener is not null)
            {
                await listener.StartAsync();
            }
        }
    }
}
