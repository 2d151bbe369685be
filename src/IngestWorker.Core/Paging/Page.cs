namespace IngestWorker.Core.Paging;

/// <summary>One page of a list answer: its items, how many the whole answer holds, and where the next page starts.</summary>
/// <param name="Total">Items in the whole answer with the same filters, across every page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Limit, string? NextCursor);
