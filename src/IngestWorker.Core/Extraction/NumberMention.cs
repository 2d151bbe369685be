namespace IngestWorker.Core.Extraction;

/// <summary>A number read from tokens [Start, End): "2,500", "two thousand", "3 thousand".</summary>
internal readonly record struct NumberMention(int Start, int End, int Value, bool InWords, bool LooksLikeYear);
