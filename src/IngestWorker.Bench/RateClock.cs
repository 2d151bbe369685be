using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>Times runs of a side of a figure and turns them into items per second.</summary>
internal sealed class RateClock(string part, ILogger logger)
{
    /// <param name="prepare">Untimed: resets the tables and settles the server.</param>
    public async Task<double> RateAsync(string side, string label, int items, Func<Task> prepare, Func<Task> work)
    {
        await prepare();
        return Rate(side, label, items, await TimeAsync(work));
    }

    /// <summary>Items per second for work timed elsewhere (in slices, say), logged like the others.</summary>
    public double Rate(string side, string label, int items, TimeSpan elapsed)
    {
        var rate = items / elapsed.TotalSeconds;
        Log.BenchRunTimed(logger, part, side, label, elapsed.TotalMilliseconds, rate);
        return rate;
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed;
    }
}
