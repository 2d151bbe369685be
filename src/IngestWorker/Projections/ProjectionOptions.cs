using IngestWorker.EventStore;

namespace IngestWorker.Projections;

public sealed class ProjectionOptions
{
    /// <summary>
    /// One transaction of a live projection. Small enough that a page of 5 KB articles stays a few
    /// megabytes (the worker's peak memory follows it), large enough that a burst costs few commits.
    /// </summary>
    public PageSize Batch { get; set; } = new(250);

    /// <summary>
    /// One transaction of a replay rebuilding a shadow model: throughput first (fewer, larger upserts), with
    /// memory held by the byte budget (about 2,500 articles of 5 KB, or 25,000 small events, a page).
    /// </summary>
    public PageSize ReplayBatch { get; set; } = new(25_000, 8 * 1024 * 1024);

    /// <summary>How often to look at the log when no notification came.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby worker tries to take over a projection.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When the configured rules differ from the read model's, replay at start (else only warn).</summary>
    public bool ReplayOnRulesChange { get; set; } = true;
}
