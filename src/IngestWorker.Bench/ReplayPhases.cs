using System.Diagnostics;
using IngestWorker.Replay;

namespace IngestWorker.Bench;

/// <summary>
/// Where a replay's time goes: when each shadow projection's rebuild was last seen advancing (its end,
/// since the Replayer reports once more after each rebuild) and when the whole replay finished, counted
/// from its start. The rest after the last rebuild is the diff and the swap.
/// </summary>
internal sealed class ReplayPhases : ReplayProgress
{
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, TimeSpan> _lastAdvance = new(StringComparer.Ordinal);

    public TimeSpan Finish { get; private set; }

    public IReadOnlyDictionary<string, TimeSpan> LastAdvance => _lastAdvance;

    public override void Started(IReadOnlyList<string> projections, long totalEvents) => _clock.Restart();

    public override void Advanced(string projection, int events) => _lastAdvance[projection] = _clock.Elapsed;

    public override void Finished() => Finish = _clock.Elapsed;

    public string Describe() =>
        string.Join(", ", _lastAdvance.Select(p => FormattableString.Invariant($"{p.Key} rebuilt by {p.Value.TotalSeconds:F2} s")))
        + FormattableString.Invariant($", finished (diff, swap) at {Finish.TotalSeconds:F2} s");
}
