using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>Log messages of the bench (6xxx).</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Information, "Bench part {Part} started")]
    public static partial void BenchPartStarted(ILogger logger, string part);

    [LoggerMessage(6002, LogLevel.Information, "Bench part {Part} done in {Seconds:F1} s (peak working set {PeakMb:F0} MB)")]
    public static partial void BenchPartFinished(ILogger logger, string part, double seconds, double peakMb);

    [LoggerMessage(6003, LogLevel.Debug, "{Part} / {Side}: {Label} run took {Milliseconds:F1} ms ({Rate:F0}/s)")]
    public static partial void BenchRunTimed(ILogger logger, string part, string side, string label, double milliseconds, double rate);

    [LoggerMessage(6004, LogLevel.Information, "Bench server: {Server}")]
    public static partial void BenchServer(ILogger logger, string server);

    [LoggerMessage(6005, LogLevel.Information, "Latency of {Side}: median {MedianMs:F1} ms, worst {WorstMs:F1} ms")]
    public static partial void BenchLatencies(ILogger logger, string side, double medianMs, double worstMs);

    [LoggerMessage(6006, LogLevel.Information, "Worker process: first start {FirstStartMs:F0} ms, start {StartMs:F0} ms, first listed {ListedMs:F0} ms, ingest {Rate:F0} articles/s, peak resident {PeakMb:F0} MB")]
    public static partial void BenchWorkerProcess(ILogger logger, double firstStartMs, double startMs, double listedMs, double rate, double peakMb);

    [LoggerMessage(6007, LogLevel.Information, "Replay: {Phases}")]
    public static partial void BenchReplayPhases(ILogger logger, string phases);

    [LoggerMessage(6009, LogLevel.Information,
        "Ingest {Side} ({Label}): listed at {ListedSeconds:F2} s, CPU-s bench {ListedBench:F2}, server {ListedServer:F2}, second worker {ListedSecond:F2}; " +
        "caught up at {CaughtUpSeconds:F2} s, CPU-s bench {CaughtUpBench:F2}, server {CaughtUpServer:F2}, second worker {CaughtUpSecond:F2}")]
    public static partial void IngestCpu(ILogger logger, string side, string label, double listedSeconds, double listedBench, double listedServer,
        double listedSecond, double caughtUpSeconds, double caughtUpBench, double caughtUpServer, double caughtUpSecond);

    [LoggerMessage(6011, LogLevel.Information,
        "Ingest {Side} ({Label}): until listed the bench process's JIT compiled {Methods} methods in {Seconds:F2} s: code still compiling after the run's warm-up")]
    public static partial void IngestJit(ILogger logger, string side, string label, long methods, double seconds);

    [LoggerMessage(6010, LogLevel.Information, "Ingest raw ({Label}): done at {Seconds:F2} s, CPU-s bench {Bench:F2}, server {Server:F2}")]
    public static partial void RawIngestCpu(ILogger logger, string label, double seconds, double bench, double server);

    [LoggerMessage(6008, LogLevel.Warning, "Process {ProcessId} could not be held to core(s) {Cores} ({Reason}); the one-core replay rows run unpinned")]
    public static partial void BenchUnpinned(ILogger logger, int processId, string cores, string reason);
}
