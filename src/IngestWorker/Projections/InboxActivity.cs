namespace IngestWorker.Projections;

/// <summary>
/// Whether this worker's inbox is taking files in. A projection that extracts gives way to it (see
/// <see cref="ReadModelProjection.GivesWayToTheInbox"/>): on a bulk drop the files leave the inbox at the pace of
/// the log, as the inbox is what must never lose one, and the claims follow on every core once the drop is in.
/// The inbox tells it here rather than the projections asking the inbox, which they must not know.
/// </summary>
/// <param name="clock">The time, for tests.</param>
public sealed class InboxActivity(TimeProvider clock)
{
    /// <summary>The longest a projection waits for one drop: a drop that never ends must not hold the claims back for good.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the inbox counts as busy after it last took files in: a drop arrives over many scans, and the moments
    /// between two of them are no time to start a batch on every core.
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private int _taking;
    private long _lastTakeEnded = long.MinValue;
    private TaskCompletionSource _done = Done();

    /// <summary>True while the inbox takes files in, and for <see cref="Quiet"/> after.</summary>
    public bool IsBusy
    {
        get
        {
            lock (_lock)
            {
                return _taking > 0 || QuietLeft() > TimeSpan.Zero;
            }
        }
    }

    /// <summary>Marks the inbox as taking files in until the result is disposed.</summary>
    public IDisposable Taking()
    {
        lock (_lock)
        {
            if (_taking++ == 0)
            {
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Take(this);
    }

    /// <summary>Returns once the inbox has been idle for <see cref="Quiet"/>, or after <paramref name="longest"/>, whichever comes first.</summary>
    public async Task UntilIdleAsync(TimeSpan longest, CancellationToken ct)
    {
        var deadline = clock.GetTimestamp() + (long)(longest.TotalSeconds * clock.TimestampFrequency);
        while (clock.GetTimestamp() < deadline)
        {
            Task taking;
            TimeSpan quietLeft;
            lock (_lock)
            {
                taking = _done.Task;
                quietLeft = QuietLeft();
            }

            var left = clock.GetElapsedTime(clock.GetTimestamp(), deadline);
            if (!taking.IsCompleted)
            {
                try
                {
                    await taking.WaitAsync(left, clock, ct);
                }
                catch (TimeoutException)
                {
                    // Still taking: the projection goes on beside it, on one core.
                    return;
                }
            }
            else if (quietLeft > TimeSpan.Zero)
            {
                await Task.Delay(quietLeft < left ? quietLeft : left, clock, ct);
            }
            else
            {
                return;
            }
        }
    }

    private TimeSpan QuietLeft() =>
        _lastTakeEnded == long.MinValue ? TimeSpan.Zero : Quiet - clock.GetElapsedTime(_lastTakeEnded);

    private void Ended()
    {
        lock (_lock)
        {
            if (--_taking == 0)
            {
                _lastTakeEnded = clock.GetTimestamp();
                _done.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private sealed class Take(InboxActivity activity) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                activity.Ended();
            }
        }
    }
}
