using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>Times one run of a side of a figure and turns it into items per second.</summary>
internal sealed class RateClock(string part, ILogger logger)
{
    /// <param name="prepare">Untimed: resets the tables and settles the server.</param>
    public async Task<double> RateAsync(string side, string label, int items, Func<Task> prepare, Func<Task> work)
    {
        await prepare();
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        var rate = items / clock.Elapsed.TotalSeconds;
        Log.BenchRunTimed(logger, part, side, label, clock.Elapsed.TotalMilliseconds, rate);
        return rate;
    }
}
