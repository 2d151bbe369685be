namespace IngestWorker.Core.Extraction;

/// <summary>A rules phrase found in a sentence: tokens [Start, End) and what the rules say it means.</summary>
internal readonly record struct PhraseMatch<T>(int Start, int End, T Value);
