using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Hosting;

/// <summary>
/// Closes the daemon's LISTEN wake-up (<see cref="EventStore.AppendWakeup"/>, the connection that hears appends) once
/// Wolverine has stopped: hosted services stop in reverse order, and this one is registered before Wolverine and after
/// the embedded server's watch. So the server stopping next cuts no session of ours, and nothing logs a connection error
/// on the way out.
/// <para>
/// The daemons' high-water loops are stopped first, so none is left waiting on a closed wake-up: Wolverine stops the
/// projections' agents, but a daemon's loop can outlive them (an agent started again while the worker stopped). A loop
/// still running after that (out of time) is left with the wake-up open, and the process closes it.
/// </para>
/// </summary>
public sealed class ListenWakeupClose(IDocumentStore store, IProjectionCoordinator coordinator, ILogger<ListenWakeupClose> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (store is not DocumentStore { Options.Projections.Wakeup: IDisposable wakeup })
        {
            return;
        }

        var daemons = await coordinator.AllDaemonsAsync();
        try
        {
            foreach (var daemon in daemons.Where(daemon => daemon.IsRunning))
            {
                await daemon.StopAllAsync().WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time to stop: the check below leaves the wake-up open.
        }

        if (daemons.Any(daemon => daemon.IsRunning))
        {
            Log.WakeupLeftOpen(logger);
            return;
        }

        wakeup.Dispose();
    }
}
