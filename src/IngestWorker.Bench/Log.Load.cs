using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>Log messages of the load part (61xx).</summary>
internal static partial class Log
{
    [LoggerMessage(6101, LogLevel.Information, "Load: {Articles} articles ingested and projected in {Seconds:F0} s")]
    public static partial void LoadSeeded(ILogger logger, int articles, double seconds);

    [LoggerMessage(6102, LogLevel.Information, "Load: first answer of {Route} after catch-up took {Milliseconds:F0} ms ({Bytes} bytes)")]
    public static partial void LoadFirstAnswer(ILogger logger, string route, double milliseconds, long bytes);

    [LoggerMessage(6103, LogLevel.Information, "Load: {Route}: {Count} answers, p50 {P50:F0} ms, p99 {P99:F0} ms, max {Max:F0} ms, {Errors} errors")]
    public static partial void LoadRoute(ILogger logger, string route, int count, double p50, double p99, double max, int errors);

    [LoggerMessage(6104, LogLevel.Information, "Load: {Rate:F0} requests/s, p50 {P50:F0} ms, p99 {P99:F0} ms, max {Max:F0} ms, {Errors} errors, worker peak {PeakMb:F0} MB, load average {LoadAverage}")]
    public static partial void LoadDone(ILogger logger, double rate, double p50, double p99, double max, int errors, double peakMb, string loadAverage);

    [LoggerMessage(6105, LogLevel.Warning, "Load: {Route} failed: {Reason}")]
    public static partial void LoadError(ILogger logger, string route, string reason);

    [LoggerMessage(6106, LogLevel.Information, "Load: worker memory {Stage}: peak (VmHWM) {PeakMb:F0} MB, now (VmRSS) {NowMb:F0} MB")]
    public static partial void LoadMemory(ILogger logger, string stage, double peakMb, double nowMb);
}
