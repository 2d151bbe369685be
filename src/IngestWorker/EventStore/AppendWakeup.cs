using JasperFx.Events.Daemon.HighWater;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IngestWorker.EventStore;

/// <summary>
/// Wakes the projection daemon's high-water agent as soon as events are appended: it LISTENs on a channel that every
/// append NOTIFYs (<see cref="NotifySql"/>), and falls back to the agent's polling while it cannot listen.
/// <para>
/// Marten's own wake-up (<c>UseListenNotifyForEventAppends</c>) drops every notification that came while the agent was
/// busy detecting, at the start of its next wait: the last batch of a bulk drop, appended during the detection of the
/// one before, then waited for the agent's next poll, 250 ms (1 s once it had caught up). Here a notification is kept
/// until a wait takes it, so a detection always follows the last append; one that the detection under way already
/// covered costs a query that finds nothing new. One wake-up per store, whose one daemon (one database) has one agent
/// waiting on it: a second agent on the same wake-up would share its notifications and poll for the ones it missed.
/// </para>
/// </summary>
public sealed class AppendWakeup(NpgsqlDataSource dataSource, ILogger? logger = null) : IDaemonWakeup
{
    /// <summary>Marten's channel, so a worker of an earlier version, which notifies there, still wakes this one.</summary>
    public const string Channel = "mt_events_appended";

    /// <summary>What an append runs, in its own transaction: the notification is sent when the events are committed.</summary>
    public const string NotifySql = $"select pg_notify('{Channel}', '')";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private NpgsqlConnection? _listening;
    private int _pending;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token, _lifetime.Token);
        try
        {
            if (!await ListenAsync(wait.Token))
            {
                await Task.Delay(timeout, wait.Token);
                return;
            }

            if (await _signal.WaitAsync(timeout, wait.Token))
            {
                // Taken before the detection it wakes: a notification from here on is one that detection may miss.
                Interlocked.Exchange(ref _pending, 0);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !token.IsCancellationRequested)
        {
            // Closed under a waiting agent: it waits out its poll, and polls on, until its daemon stops.
            await Task.Delay(timeout, token);
        }
    }

    /// <returns>False while the channel cannot be listened to (the agent then polls).</returns>
    private async Task<bool> ListenAsync(CancellationToken token)
    {
        if (Volatile.Read(ref _listening) is not null)
        {
            return true;
        }

        await _connecting.WaitAsync(token);
        try
        {
            if (_listening is not null)
            {
                return true;
            }

            var connection = await dataSource.OpenConnectionAsync(token);
            try
            {
                connection.Notification += (_, _) => Signal();
                await using var listen = new NpgsqlCommand($"listen {Channel}", connection);
                await listen.ExecuteNonQueryAsync(token);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            Volatile.Write(ref _listening, connection);
            _ = ReceiveAsync(connection);

            // Appends made while nobody listened sent their notifications to no one.
            Signal();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Log.WakeupCannotListen(_logger, e);
            return false;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Reads the notifications off the connection until it fails or the wake-up is closed; the next wait listens again.</summary>
    private async Task ReceiveAsync(NpgsqlConnection connection)
    {
        try
        {
            while (true)
            {
                await connection.WaitAsync(_lifetime.Token);
            }
        }
        catch (Exception e) when (!_lifetime.IsCancellationRequested)
        {
            Log.WakeupConnectionLost(_logger, e);
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // Closed: whatever the wait threw as it was cut.
        }
        finally
        {
            Interlocked.CompareExchange(ref _listening, null, connection);
            await connection.DisposeAsync();
        }
    }

    /// <summary>At most one notification is kept: one detection covers every append before it.</summary>
    private void Signal()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>
    /// Stops listening: the receiving loop closes the connection as it ends. An agent still waiting polls on; the
    /// semaphores are left to the collector, since one disposed under a waiter never lets it go.
    /// </summary>
    public void Dispose() => _lifetime.Cancel();

    /// <summary>
    /// Sends the notification with every session that appends events (the inbox's one-by-one starts, a rejection, a
    /// replay's record of its rules); the bulk insert, which has no session, sends its own (<see cref="StreamStarts"/>).
    /// </summary>
    public sealed class OnSessionAppends : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            ArgumentNullException.ThrowIfNull(session);
            if (session.PendingChanges.Streams().Any())
            {
                session.QueueSqlCommand(NotifySql);
            }

            return Task.CompletedTask;
        }
    }
}
