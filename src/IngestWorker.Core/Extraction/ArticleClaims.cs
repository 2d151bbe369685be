namespace IngestWorker.Core.Extraction;

/// <summary>Everything the extractor read out of one article, in the order the text gives it.</summary>
public sealed record ArticleClaims(IReadOnlyList<TroopCount> TroopCounts, IReadOnlyList<BaseStatus> BaseStatuses);
