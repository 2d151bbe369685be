namespace IngestWorker.Replay;

/// <summary>
/// The Wolverine handler of <see cref="ReplayRange"/>, on every worker of the database: the queue hands each
/// message to one worker, and a dead worker's messages to another. A range already done (by the replay's own
/// worker, which takes ranges nobody holds) or of a replay that is over is passed by.
/// </summary>
public static class ReplayRangeHandler
{
    public static Task Handle(ReplayRange range, ReplayRangeWork work, CancellationToken ct) => work.ApplyAsync(range, ct);
}
