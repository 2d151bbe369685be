using System.Diagnostics.Metrics;

namespace IngestWorker.Inbox;

/// <summary>
/// What the inbox took and what waits in it, on the worker's meter <c>IngestWorker</c>: files ingested,
/// duplicates and rejections (counted per batch, as the log line says them; rejections tagged with their
/// <c>code</c>) and the inbox backlog.
/// </summary>
public sealed class InboxMetrics
{
    /// <summary>The worker's own meter; the projections' and the replay's instruments are on it too.</summary>
    public const string MeterName = "IngestWorker";

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;

    public InboxMetrics(IMeterFactory meters, InboxOptions inbox)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _ingested = meter.CreateCounter<long>("ingestworker.files.ingested", "{file}", "Files appended to the log as new articles");
        _duplicates = meter.CreateCounter<long>("ingestworker.files.duplicates", "{file}", "Files whose text the log already held, moved to archive/duplicates/");
        _rejected = meter.CreateCounter<long>("ingestworker.files.rejected", "{file}", "Files refused and moved to rejected/");
        meter.CreateObservableGauge("ingestworker.inbox.backlog", () => Backlog(inbox), "{file}", "Files waiting in the inbox");
    }

    /// <summary>Counts what one batch of the inbox came to.</summary>
    public void Record(IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _ingested.Add(outcome.Appended);
        _duplicates.Add(outcome.Duplicates);
        foreach (var code in outcome.Rejections.CountBy(code => code))
        {
            // Tagged as status counts them, so a dashboard and `status` name a rejection alike.
            _rejected.Add(code.Value, new KeyValuePair<string, object?>("code", code.Key.ToString()));
        }
    }

    private static int Backlog(InboxOptions inbox) =>
        Directory.Exists(inbox.ResolvedInbox)
            ? new DirectoryInfo(inbox.ResolvedInbox).EnumerateFiles().Count(file => InboxOptions.IsCandidate(file.Name))
            : 0;
}
