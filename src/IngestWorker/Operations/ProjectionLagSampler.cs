using System.Diagnostics.Metrics;
using IngestWorker.Status;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Operations;

/// <summary>
/// The projections' lag for a gauge. A gauge is read synchronously, inside a scrape, so it answers the
/// last reading and starts a new one when that is older than <see cref="MaxAge"/>: a scrape never waits on
/// the database, and nothing is read while no one scrapes.
/// </summary>
public sealed class ProjectionLagSampler(StatusQueries status, TimeProvider clock, ILogger<ProjectionLagSampler> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private IReadOnlyList<ProjectionStatus> _last = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _reading;

    public IEnumerable<Measurement<long>> Read()
    {
        lock (_gate)
        {
            if (clock.GetUtcNow() - _readAt > MaxAge && _reading is null or { IsCompleted: true })
            {
                _reading = RefreshAsync();
            }

            return _last.Select(p => new Measurement<long>(p.Lag, new KeyValuePair<string, object?>("projection", p.Name))).ToList();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var report = await status.GetAsync(null, CancellationToken.None);
            lock (_gate)
            {
                (_last, _readAt) = (report.Projections, clock.GetUtcNow());
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The database is away: the gauge keeps its last reading, and /health/ready says why.
            Log.LagUnread(logger, e.Message);
        }
    }
}
