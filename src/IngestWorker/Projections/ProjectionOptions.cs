namespace IngestWorker.Projections;

public sealed class ProjectionOptions
{
    /// <summary>
    /// Events per transaction of a live projection. Small enough that a page of 5 KB articles stays a few
    /// megabytes (the worker's peak memory follows it), large enough that a burst costs few commits.
    /// </summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>Events per transaction when a replay rebuilds a shadow model: throughput first, one process at a time.</summary>
    public int ReplayBatchSize { get; set; } = 1000;

    /// <summary>How often to look at the log when no notification came.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby worker tries to take over a projection.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When the configured rules differ from the read model's, replay at start (else only warn).</summary>
    public bool ReplayOnRulesChange { get; set; } = true;
}
