using System.Runtime;

namespace IngestWorker.Bench;

/// <summary>The runtime's JIT counters for this process: how many methods it compiled, and the time it spent doing so.</summary>
internal readonly record struct JitSample(long Methods, double Seconds)
{
    public static JitSample Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalSeconds);

    public static JitSample operator -(JitSample later, JitSample earlier) => new(later.Methods - earlier.Methods, later.Seconds - earlier.Seconds);
}
