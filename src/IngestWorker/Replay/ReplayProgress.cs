using Microsoft.Extensions.Logging;

namespace IngestWorker.Replay;

/// <summary>Told how a replay goes: a bar on a terminal, lines in a log.</summary>
public abstract class ReplayProgress
{
    /// <summary>Each projection will read about <paramref name="totalEvents"/> events.</summary>
    public abstract void Started(IReadOnlyList<string> projections, long totalEvents);

    /// <summary>A projection applied <paramref name="events"/> more; a replay can be stopped here by cancelling.</summary>
    public abstract void Advanced(string projection, int events);

    public abstract void Finished();

    public static ReplayProgress ToLog(ILogger logger) => new LogProgress(logger);

    public static ReplayProgress None { get; } = new Silent();

    private sealed class Silent : ReplayProgress
    {
        public override void Started(IReadOnlyList<string> projections, long totalEvents) { }

        public override void Advanced(string projection, int events) { }

        public override void Finished() { }
    }

    private sealed class LogProgress(ILogger logger) : ReplayProgress
    {
        private readonly Dictionary<string, long> _done = new(StringComparer.Ordinal);
        private long _total;

        public override void Started(IReadOnlyList<string> projections, long totalEvents)
        {
            _total = totalEvents;
            Log.ReplayStarted(logger, projections.Count, totalEvents);
        }

        public override void Advanced(string projection, int events)
        {
            var done = _done[projection] = _done.GetValueOrDefault(projection) + events;
            Log.ReplayAdvanced(logger, projection, done, _total);
        }

        public override void Finished() => Log.ReplayFinished(logger);
    }
}
