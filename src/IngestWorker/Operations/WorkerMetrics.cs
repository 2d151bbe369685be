using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IngestWorker.Inbox;
using IngestWorker.Replay;

namespace IngestWorker.Operations;

/// <summary>
/// The worker's own meter, <c>IngestWorker</c>: what the inbox took (files ingested, duplicates, rejections),
/// what waits (inbox backlog, projection lag) and how a replay goes. Scraped at <c>/metrics</c> and sent over
/// OTLP with ASP.NET Core's, the runtime's, Marten's and Wolverine's (<see cref="MetricsSetup"/>).
/// </summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "IngestWorker";

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _replayed;
    private readonly ConcurrentDictionary<string, (long Done, long Total)> _replay = new(StringComparer.Ordinal);

    public WorkerMetrics(IMeterFactory meters, InboxOptions inbox, ProjectionLagSampler lag)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(lag);
        var meter = meters.Create(MeterName);
        _ingested = meter.CreateCounter<long>("ingestworker.files.ingested", "{file}", "Files appended to the log as new articles");
        _duplicates = meter.CreateCounter<long>("ingestworker.files.duplicates", "{file}", "Files whose text the log already held, moved to archive/duplicates/");
        _rejected = meter.CreateCounter<long>("ingestworker.files.rejected", "{file}", "Files refused and moved to rejected/");
        _replayed = meter.CreateCounter<long>("ingestworker.replay.events", "{event}", "Events applied by replays, per projection");
        meter.CreateObservableGauge("ingestworker.inbox.backlog", () => Backlog(inbox), "{file}", "Files waiting in the inbox");
        meter.CreateObservableGauge("ingestworker.projection.lag", lag.Read, "{event}",
            "Events of the log a projection has not applied yet (read at most every few seconds)");
        meter.CreateObservableGauge("ingestworker.replay.progress", ReplayProgressNow, "1",
            "Share of its events the running replay has applied, per projection; absent when no replay runs");
    }

    /// <summary>Counts what one batch of the inbox came to.</summary>
    public void Record(IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _ingested.Add(outcome.Appended);
        _duplicates.Add(outcome.Duplicates);
        _rejected.Add(outcome.Rejected);
    }

    /// <summary>The same progress, measured as it goes.</summary>
    public ReplayProgress Measure(ReplayProgress inner) => new MeasuredReplay(this, inner);

    private static int Backlog(InboxOptions inbox) =>
        Directory.Exists(inbox.ResolvedInbox)
            ? new DirectoryInfo(inbox.ResolvedInbox).EnumerateFiles().Count(file => InboxOptions.IsCandidate(file.Name))
            : 0;

    private IEnumerable<Measurement<double>> ReplayProgressNow() =>
        _replay.Select(p => new Measurement<double>(p.Value.Total == 0 ? 1 : Math.Min(1, (double)p.Value.Done / p.Value.Total),
            new KeyValuePair<string, object?>("projection", p.Key)));

    private sealed class MeasuredReplay(WorkerMetrics metrics, ReplayProgress inner) : ReplayProgress
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
