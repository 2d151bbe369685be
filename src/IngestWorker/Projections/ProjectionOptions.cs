using IngestWorker.EventStore;

namespace IngestWorker.Projections;

public sealed class ProjectionOptions
{
    /// <summary>
    /// One transaction of a live projection. Small enough that a page of 5 KB articles stays a few
    /// megabytes (the worker's peak memory follows it), large enough that a burst costs few commits.
    /// </summary>
    public PageSize Batch { get; set; } = new(250);

    /// <summary>One transaction of a replay rebuilding a shadow model: throughput first, one replay at a time.</summary>
    public PageSize ReplayBatch { get; set; } = new(5000, 8 * 1024 * 1024);

    /// <summary>How often to look at the log when no notification came.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby worker tries to take over a projection.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When the configured rules differ from the read model's, replay at start (else only warn).</summary>
    public bool ReplayOnRulesChange { get; set; } = true;
}
