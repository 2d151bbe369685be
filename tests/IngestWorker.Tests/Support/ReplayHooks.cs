using IngestWorker.Replay;

namespace IngestWorker.Tests.Support;

/// <summary>
/// Runs <paramref name="atStart"/> when a replay has published its ranges and before its own process takes any: the test
/// decides when the replay's own cores join, which the speed of the machine would decide otherwise. Runs
/// <paramref name="atFinish"/> once the model is swapped in, while the replay's plan still says who did which range.
/// </summary>
public sealed class ReplayHooks(Func<Task> atStart, Func<Task>? atFinish = null) : ReplayProgress
{
    public override void Started(IReadOnlyList<string> projections, long totalEvents) => atStart().GetAwaiter().GetResult();

    public override void Advanced(string projection, int events) { }

    public override void Finished() => (atFinish ?? (() => Task.CompletedTask))().GetAwaiter().GetResult();
}
