namespace IngestWorker.Inbox;

/// <summary>
/// Whether the inbox can move files out (into <c>archive/</c> and <c>rejected/</c>): one instance per worker,
/// a singleton in its services, for <c>/health/ready</c> and <c>status</c> to read. While moves fail (a full
/// disk, a folder that went read-only) files stay in the inbox, nothing is lost, and the watcher waits
/// longer and longer between tries instead of rereading the inbox every scan.
/// </summary>
/// <remarks>
/// Each destination folder has a back-off of its own, since <c>archive/</c> and <c>rejected/</c> can be on
/// different disks: a move into one says nothing about room in the other. The back-off counts failed tries,
/// not failed files: every failure before the folder's wait has passed belongs to the try that started the
/// wait (a batch of 500 files, or two batches in flight, fail as one try). So the wait never exceeds how long
/// the folder has been failing (plus the first wait), and a disk freed after a short outage is used again
/// within seconds, not after the longest wait.
/// </remarks>
public sealed class InboxHealth(TimeProvider? clock = null)
{
    /// <summary>The wait after a first failed try; it doubles with each failed try that follows.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between tries while moves keep failing.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FolderProblem> _failing = new(StringComparer.Ordinal);

    /// <summary>A folder files cannot be moved into now.</summary>
    /// <param name="Folder">The folder, as a full path.</param>
    /// <param name="Reason">What the last failed move said ("No space left on device").</param>
    /// <param name="Since">When moves into it started failing.</param>
    /// <param name="FailedTries">How many tries failed since it last worked (a batch of files is one try).</param>
    /// <param name="NextTryAt">When the wait after the last failed try has passed.</param>
    public sealed record FolderProblem(string Folder, string Reason, DateTimeOffset Since, int FailedTries, DateTimeOffset NextTryAt)
    {
        /// <summary>The back-off after the last failed try.</summary>
        public TimeSpan Wait => WaitAfter(FailedTries);

        /// <summary>What is wrong, as the readiness check and <see cref="Problem"/> say it.</summary>
        public string Sentence => $"files cannot be moved into {Folder}: {Reason}";
    }

    /// <summary>True while files can be moved out of the inbox (no folder failing since a move into it last worked).</summary>
    public bool CanMoveFiles
    {
        get
        {
            lock (_gate)
            {
                return _failing.Count == 0;
            }
        }
    }

    /// <summary>The folders files cannot be moved into now, by name; empty while moves work.</summary>
    public IReadOnlyList<FolderProblem> Problems
    {
        get
        {
            lock (_gate)
            {
                return _failing.Values.OrderBy(problem => problem.Folder, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Why files cannot be moved ("files cannot be moved into /data/archive: No space left on device"), each failing folder named; null while they can.</summary>
    public string? Problem
    {
        get
        {
            var problems = Problems;
            return problems.Count == 0 ? null : string.Join("; ", problems.Select(problem => problem.Sentence));
        }
    }

    /// <summary>
    /// How long the watcher waits without scanning: until the wait of every failing folder has passed. Not the
    /// soonest: a scan rereads every file held back, whichever folder it is for, and a folder whose wait has
    /// passed but which no file needs (<c>rejected/</c> while nothing is refused) would keep the watcher
    /// rereading the archive's files at every scan. Zero while moves work, and once all those waits have passed
    /// (the next scan is the next try).
    /// </summary>
    public TimeSpan RetryIn
    {
        get
        {
            lock (_gate)
            {
                if (_failing.Count == 0)
                {
                    return TimeSpan.Zero;
                }

                var left = _failing.Values.Max(problem => problem.NextTryAt) - _clock.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>The back-off after a number of failed tries in a row: 1, 2, 4 … seconds, at most <see cref="LongestRetry"/>.</summary>
    public static TimeSpan WaitAfter(int failedTries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedTries, 1);
        var doubled = FirstRetry * Math.Pow(2, Math.Min(failedTries - 1, 16));
        return doubled < LongestRetry ? doubled : LongestRetry;
    }

    /// <summary>
    /// Records a move into <paramref name="folder"/> that failed. A failure while the folder's wait has not
    /// passed is part of the try that is already counted; one after it is a new failed try, and the wait doubles.
    /// </summary>
    /// <returns>True when this is the first failure since moves into this folder last worked: the moment to say so, once.</returns>
    public bool MoveFailed(string folder, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var key = Key(folder);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (!_failing.TryGetValue(key, out var problem))
            {
                _failing[key] = new FolderProblem(key, error.Message, now, 1, now + WaitAfter(1));
                return true;
            }

            var tries = now < problem.NextTryAt ? problem.FailedTries : problem.FailedTries + 1;
            _failing[key] = tries == problem.FailedTries
                ? problem with { Reason = error.Message }
                : problem with { Reason = error.Message, FailedTries = tries, NextTryAt = now + WaitAfter(tries) };
            return false;
        }
    }

    /// <summary>Records a move into <paramref name="folder"/> that worked: that folder's back-off starts over; other folders keep theirs.</summary>
    /// <returns>True when moves into this folder had been failing until now: the moment to say they work again.</returns>
    public bool MoveSucceeded(string folder)
    {
        lock (_gate)
        {
            // Every move that works passes here: while nothing fails, it costs no more than the lock.
            return _failing.Count > 0 && _failing.Remove(Key(folder));
        }
    }

    // The handler names a folder as configured or as the parent of a file in it: one spelling per folder.
    private static string Key(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
}
