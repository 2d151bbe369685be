namespace IngestWorker.Copies;

/// <summary>
/// Which articles are copies of one report (another outlet's publication of one wire text): how every other
/// read model counts reports rather than copies. The one way a slice learns of another's data.
/// </summary>
public interface ICopies
{
    /// <summary>Every article that is a copy, mapped to its original's stream id; articles not in it are originals.</summary>
    Task<IReadOnlyDictionary<string, string>> CopiesAsync(CancellationToken ct);
}
