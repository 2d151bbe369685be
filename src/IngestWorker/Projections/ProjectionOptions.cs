namespace IngestWorker.Projections;

public sealed class ProjectionOptions
{
    /// <summary>When the configured rules differ from the read model's, replay at start (else only warn).</summary>
    public bool ReplayOnRulesChange { get; set; } = true;
}
