namespace IngestWorker.Bench;

/// <summary>How big the load run is; the defaults are issue 10's: 200 concurrent clients for 20 s on about 10,000 articles.</summary>
/// <param name="Articles">Synthetic articles ingested before the load (one in twenty a copy of an earlier one).</param>
/// <param name="Clients">Clients asking at once, each waiting for its answer before it asks again.</param>
/// <param name="Seconds">How long the clients go on asking.</param>
public sealed record LoadSizes(int Articles = 10_000, int Clients = 200, int Seconds = 20)
{
    public static LoadSizes Default { get; } = new();

    /// <summary>The sentence that says which size is wrong, or null when all are usable.</summary>
    public string? Problem() => this switch
    {
        { Articles: < 1 } => "--load-articles must be at least 1.",
        { Clients: < 1 } => "--clients must be at least 1.",
        { Seconds: < 1 } => "--seconds must be at least 1.",
        _ => null,
    };
}
