using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Database;

/// <summary>
/// Whether the database can take writes now, and if not why: its disk is full (PostgreSQL's 53100) or the
/// embedded server is down and being started again. Each change of state is logged once, not each failure,
/// and while the disk is full writers wait a back-off that grows, so a full disk costs no log flood.
/// One per process (a singleton in the services); read by the API's <c>/health/ready</c> (<see cref="NotReadyReason"/>).
/// </summary>
public sealed class DatabaseHealth(ILogger<DatabaseHealth> logger, TimeProvider? clock = null)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private DateTimeOffset? _fullSince;
    private string? _serverDown;
    private TimeSpan _backoff = FirstBackoff;

    /// <summary>True while the last write failed for a full disk and none has succeeded since.</summary>
    public bool DiskFull
    {
        get
        {
            lock (_gate)
            {
                return _fullSince is not null;
            }
        }
    }

    /// <summary>Why the worker cannot take files now, in a sentence; null when it can. For <c>/health/ready</c> and 503 answers.</summary>
    public string? NotReadyReason
    {
        get
        {
            lock (_gate)
            {
                return _serverDown is { } down ? $"the embedded PostgreSQL is down and being started again ({down})"
                    : _fullSince is { } since ? FormattableString.Invariant($"the database's disk is full since {since:yyyy-MM-dd HH:mm:ss}Z: files wait in the inbox until space is freed")
                    : null;
            }
        }
    }

    /// <summary>True for PostgreSQL's disk_full (53100), however deep it is wrapped (Marten, Wolverine, aggregates).</summary>
    public static bool IsDiskFull(Exception? e) => e switch
    {
        null => false,
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => true,
        AggregateException many => many.InnerExceptions.Any(IsDiskFull),
        _ => IsDiskFull(e.InnerException),
    };

    /// <summary>A write failed for a full disk: logged when the disk was not known to be full.</summary>
    public void ReportDiskFull(Exception e)
    {
        lock (_gate)
        {
            if (_fullSince is not null)
            {
                return;
            }

            _fullSince = _clock.GetUtcNow();
            _backoff = FirstBackoff;
            Log.DatabaseDiskFull(logger, (e as PostgresException ?? e.InnerException as PostgresException)?.MessageText ?? e.Message);
        }
    }

    /// <summary>How long a writer that just failed for a full disk waits before it tries again: doubling, up to 30 s.</summary>
    public TimeSpan NextBackoff()
    {
        lock (_gate)
        {
            var wait = _backoff;
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, LongestBackoff.Ticks));
            return wait;
        }
    }

    /// <summary>A write committed: if the disk was full, it is writable again (logged once).</summary>
    public void ReportWritable()
    {
        lock (_gate)
        {
            if (_fullSince is not { } since)
            {
                return;
            }

            _fullSince = null;
            _backoff = FirstBackoff;
            Log.DatabaseWritableAgain(logger, _clock.GetUtcNow() - since);
        }
    }

    /// <summary>The embedded server is down (null: it runs again). Logged by its watch, which knows more; kept here for readiness.</summary>
    public void ReportServerDown(string? reason)
    {
        lock (_gate)
        {
            _serverDown = reason;
        }
    }
}
