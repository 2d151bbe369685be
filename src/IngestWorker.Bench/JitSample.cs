using System.Runtime;

namespace IngestWorker.Bench;

/// <summary>The runtime's JIT counters for this process: how many methods it compiled, and the time it spent doing so.</summary>
internal readonly record struct JitSample(long Methods, double Seconds)
{
    public static JitSample Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalSeconds);

    public static JitSample operator -(JitSample later, JitSample earlier) => new(later.Methods - earlier.Methods, later.Seconds - earlier.Seconds);

    /// <summary>
    /// Until the JIT has compiled nothing for <paramref name="quiet"/>, or <paramref name="limit"/> has passed. The tiered
    /// compiler promotes hot code only once no new code has been compiled for a moment (100 ms by default), so a timed
    /// run started straight after a warm-up would pay for the promotions the warm-up earned.
    /// </summary>
    public static async Task UntilQuietAsync(TimeSpan quiet, TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = JitInfo.GetCompiledMethodCount();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < quiet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
        }
    }
}
