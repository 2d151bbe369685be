namespace IngestWorker.Projections;

/// <summary>
/// Wakes whoever waits for new events. Take <see cref="Next"/> before looking at the log and wait on it
/// after, so a pulse in between is not missed.
/// </summary>
public sealed class LogSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="pulse"/> or the poll interval, whichever comes first.</summary>
    public static async Task WaitAsync(Task pulse, TimeSpan poll, CancellationToken ct)
    {
        try
        {
            await pulse.WaitAsync(poll, ct);
        }
        catch (TimeoutException)
        {
            // The poll is the fallback for a lost notification.
        }
    }
}
