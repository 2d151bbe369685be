using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IngestWorker.Inbox;
using IngestWorker.Replay;

namespace IngestWorker.Operations;

/// <summary>
/// The projections' side of the worker's meter (<see cref="InboxMetrics.MeterName"/>): how far behind each
/// projection is, and how a replay goes. Scraped at <c>/metrics</c> and sent over OTLP with the inbox's
/// counters and ASP.NET Core's, the runtime's, Marten's and Wolverine's meters (<see cref="MetricsSetup"/>).
/// </summary>
public sealed class ProjectionMetrics
{
    private readonly Counter<long> _replayed;
    private readonly ConcurrentDictionary<string, (long Done, long Total)> _replay = new(StringComparer.Ordinal);

    public ProjectionMetrics(IMeterFactory meters, ProjectionLagSampler lag)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(lag);
        var meter = meters.Create(InboxMetrics.MeterName);
        meter.CreateObservableGauge("ingestworker.projection.lag", lag.Read, "{event}",
            "Events of the log a projection has not applied yet (read at most every few seconds)");
        _replayed = meter.CreateCounter<long>("ingestworker.replay.events", "{event}", "Events applied by replays, per projection");
        meter.CreateObservableGauge("ingestworker.replay.progress", ReplayProgressNow, "1",
            "Share of its events the running replay has applied, per projection; absent when no replay runs");
    }

    /// <summary>The same progress, measured as it goes.</summary>
    public ReplayProgress Measure(ReplayProgress inner) => new MeasuredReplay(this, inner);

    private IEnumerable<Measurement<double>> ReplayProgressNow() =>
        _replay.Select(p => new Measurement<double>(p.Value.Total == 0 ? 1 : Math.Min(1, (double)p.Value.Done / p.Value.Total),
            new KeyValuePair<string, object?>("projection", p.Key)));

    private sealed class MeasuredReplay(ProjectionMetrics metrics, ReplayProgress inner) : ReplayProgress
    {
        public override void Started(IReadOnlyList<string> projections, long totalEvents)
        {
            foreach (var projection in projections)
            {
                metrics._replay[projection] = (0, totalEvents);
            }

            inner.Started(projections, totalEvents);
        }

        public override void Advanced(string projection, int events)
        {
            metrics._replay.AddOrUpdate(projection, (events, 0), (_, was) => (was.Done + events, was.Total));
            metrics._replayed.Add(events, new KeyValuePair<string, object?>("projection", projection));
            inner.Advanced(projection, events);
        }

        public override void Finished()
        {
            metrics._replay.Clear();
            inner.Finished();
        }
    }
}
