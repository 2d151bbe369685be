namespace IngestWorker.Inbox;

/// <summary>
/// Decides when a file in the inbox is complete: its size and time have held still for the settle time, over
/// scans of the folder, and it was last written at least that long ago (Filebeat and NiFi wait the same way).
/// A writer that goes slower than that still gets its file taken half-written, which is why a file that
/// changes between being read and being moved is left to be read again. Pure: the caller gives the clock.
/// <para>
/// One file needs no watching: one whose bytes were last written at least the settle time before its status
/// last changed (<c>ctime</c>: a rename into the inbox, or the times a copy sets once it has written the
/// bytes). Every write moves both times together, so such a file has not been written to since well before
/// it arrived: it held still for the settle time before anyone could see it. Both times come from the same
/// clock (the file system's), so a share whose clock is off judges it as well as a local disk. A bulk drop
/// moved in with <c>mv</c> is thus taken at once instead of a settle time later; a file written in the inbox,
/// or written and renamed at once, waits as before. Without a status time (not Linux) every file waits.
/// </para>
/// </summary>
public sealed class FileStability
{
    private readonly Dictionary<string, Sighting> _sightings = new(StringComparer.Ordinal);

    /// <param name="settleTime">How long a file must hold still; zero takes every file at first sight.</param>
    public FileStability(TimeSpan settleTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settleTime, TimeSpan.Zero);
        SettleTime = settleTime;
    }

    public TimeSpan SettleTime { get; }

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(5);

    /// <summary>How many files are being followed.</summary>
    public int Count => _sightings.Count;

    /// <summary>Whether the file is followed already: only a new one needs its status time looked up.</summary>
    public bool Follows(string path) => _sightings.ContainsKey(path);

    /// <summary>Records a sighting of a file and says whether it is ready to be read.</summary>
    /// <param name="now">The time of this scan (UTC).</param>
    /// <param name="changedAt">When its status last changed (<c>ctime</c>, UTC), when known; see the class.</param>
    public bool IsReady(string path, long size, DateTime writtenAt, DateTime now, DateTime? changedAt = null)
    {
        if (SettleTime > TimeSpan.Zero && changedAt is { } changed && changed - writtenAt >= SettleTime)
        {
            // Written long before it last changed status (arrived): it held still before it was here to be seen.
            return true;
        }

        if (!_sightings.TryGetValue(path, out var seen) || seen.Size != size || seen.WrittenAt != writtenAt)
        {
            // New, or changed since the last look: the wait starts again from now.
            _sightings[path] = seen = new Sighting(size, writtenAt, now);
        }

        if (now - seen.Since < SettleTime)
        {
            return false;
        }

        // A time in the future (a clock ahead on a network share) says nothing about when writing stopped:
        // the sightings alone decide, or such a file would wait until that clock is reached.
        return writtenAt > now || now - writtenAt >= SettleTime;
    }

    /// <summary>
    /// How long until the first followed file could be ready, if it holds still: a scan sooner would find
    /// nothing new; at most the settle time, since an unseen file waits that long from its first sighting.
    /// A file stamped later than its first sighting (a clock ahead) waits from its stamp.
    /// </summary>
    public TimeSpan UntilNextReady(DateTime now)
    {
        var next = SettleTime;
        foreach (var seen in _sightings.Values)
        {
            var left = (seen.WrittenAt > seen.Since ? seen.WrittenAt : seen.Since) + SettleTime - now;
            if (left < next)
            {
                next = left;
            }
        }

        // Never quite zero: a file that is due but not taken must not turn the scan loop into a spin.
        return next < MinimumWait ? MinimumWait : next;
    }

    /// <summary>Forgets a file that was taken: if it comes back, it waits again.</summary>
    public void Forget(string path) => _sightings.Remove(path);

    /// <summary>Forgets the files no longer in the folder, so the tracker does not grow with every name ever seen.</summary>
    public void KeepOnly(IReadOnlySet<string> present)
    {
        foreach (var gone in _sightings.Keys.Where(path => !present.Contains(path)).ToList())
        {
            _sightings.Remove(gone);
        }
    }

    private readonly record struct Sighting(long Size, DateTime WrittenAt, DateTime Since);
}
