namespace IngestWorker.Projections;

public sealed class ProjectionOptions
{
    /// <summary>When the configured rules differ from the read model's, replay at start (else only warn).</summary>
    public bool ReplayOnRulesChange { get; set; } = true;

    /// <summary>
    /// How many ranges of a replay this worker applies at once, its own replay's and, through the queue, another
    /// worker's: every core by default. Fewer leave cores to the inbox and the queries while a replay runs.
    /// </summary>
    public int? ReplayCores { get; set; }

    /// <summary><see cref="ReplayCores"/>, or the machine's core count when it is not set.</summary>
    public int ReplayCoresOrAll => ReplayCores ?? Environment.ProcessorCount;
}
