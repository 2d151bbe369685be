namespace IngestWorker.Bench;

/// <summary>What one load run (<c>--load</c>) measured, where, and with which sizes.</summary>
/// <param name="LoadAverage">The machine's load average (/proc/loadavg) when the clients stopped: latencies on a shared machine are read beside it.</param>
public sealed record LoadReport(
    DateTimeOffset At,
    string Machine,
    string Server,
    string Method,
    LoadSizes Sizes,
    string LoadAverage,
    IReadOnlyList<BenchFigure> Figures);
