namespace IngestWorker.Core.Extraction;

/// <summary>
/// A status said of sites counted but not yet named ("is shutting down three of its bases"), waiting for
/// the sentence that names them ("The three are A, B and C").
/// </summary>
/// <param name="Count">How many sites the group holds.</param>
/// <param name="Status">The status the group's verb gives.</param>
/// <param name="AsOf">The date the group's own sentence gives the status.</param>
/// <param name="Sentence">Index of the sentence that counted the group.</param>
internal sealed record SiteGroup(int Count, SiteStatus Status, string? AsOf, int Sentence);
