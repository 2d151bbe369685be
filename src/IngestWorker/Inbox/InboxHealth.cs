namespace IngestWorker.Inbox;

/// <summary>
/// Whether the inbox can move files out (into <c>archive/</c> and <c>rejected/</c>): one instance per worker,
/// a singleton in its services, for <c>/health/ready</c> and <c>status</c> to read. While moves fail (a full
/// disk, a folder that went read-only) files stay in the inbox, nothing is lost, and the watcher waits
/// longer and longer between tries instead of rereading the inbox every scan.
/// </summary>
public sealed class InboxHealth
{
    /// <summary>The first wait after a failed move; it doubles with each failure that follows.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between tries while moves keep failing.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private int _failures;

    /// <summary>True while files can be moved out of the inbox (no failure since the last move that worked).</summary>
    public bool CanMoveFiles
    {
        get
        {
            lock (_gate)
            {
                return _failures == 0;
            }
        }
    }

    /// <summary>Why files cannot be moved ("archive/ …: No space left on device"); null while they can.</summary>
    public string? Problem { get; private set; }

    /// <summary>When moves started failing; null while they work.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>How long the watcher waits before trying again; zero while moves work.</summary>
    public TimeSpan RetryIn
    {
        get
        {
            lock (_gate)
            {
                if (_failures == 0)
                {
                    return TimeSpan.Zero;
                }

                var doubled = FirstRetry * Math.Pow(2, Math.Min(_failures - 1, 16));
                return doubled < LongestRetry ? doubled : LongestRetry;
            }
        }
    }

    /// <summary>Records a move that failed.</summary>
    /// <returns>True when this is the first failure since moves last worked: the moment to say so, once.</returns>
    public bool MoveFailed(string folder, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            _failures++;
            if (_failures > 1)
            {
                return false;
            }

            Problem = $"files cannot be moved into {folder}: {error.Message}";
            FailingSince = DateTimeOffset.UtcNow;
            return true;
        }
    }

    /// <summary>Records a move that worked.</summary>
    /// <returns>True when moves had been failing until now: the moment to say they work again.</returns>
    public bool MoveSucceeded()
    {
        lock (_gate)
        {
            if (_failures == 0)
            {
                return false;
            }

            _failures = 0;
            Problem = null;
            FailingSince = null;
            return true;
        }
    }
}
