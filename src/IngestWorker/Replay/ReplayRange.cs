namespace IngestWorker.Replay;

/// <summary>
/// Replay the events numbered <paramref name="First"/> to <paramref name="Last"/> into the shadow model of replay
/// <paramref name="ReplayId"/>: one message per range, on the queue every worker of the database takes from.
/// </summary>
public sealed record ReplayRange(Guid ReplayId, long First, long Last);
