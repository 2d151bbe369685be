namespace IngestWorker.Bench;

/// <summary>How many claims the synthetic articles carry for their size.</summary>
public enum ClaimDensity
{
    /// <summary>
    /// As the development set and the seeds read: about two claims per kilobyte (~10 in a ~5 KB article), most
    /// sentences carrying no figure, date or base at all.
    /// </summary>
    Reporting,

    /// <summary>
    /// Every other sentence a figure, a status or a distractor: ~6 claims per kilobyte, three times the reporting
    /// density; the worst case for the extractor and for the rows a replay writes.
    /// </summary>
    Dense,
}
