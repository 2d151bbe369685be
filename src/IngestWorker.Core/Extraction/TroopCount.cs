namespace IngestWorker.Core.Extraction;

/// <summary>One figure of US or coalition troops read out of an article (see claims-contract.md).</summary>
/// <param name="Force"><c>US</c> or <c>Coalition</c>.</param>
/// <param name="Location">The country the troops are in, so figures from different articles line up.</param>
/// <param name="Site">The finer place (region, city or base) when the text gives one; else null.</param>
/// <param name="Kind"><c>level</c>, <c>target</c>, <c>reduction</c> or <c>increase</c>.</param>
/// <param name="Count">The number of troops.</param>
/// <param name="Bound">How the figure relates to the real number; on the wire <c>exact</c>, <c>approximately</c>, <c>at-least</c> or <c>at-most</c>.</param>
/// <param name="AsOf">When the figure holds: <c>2015</c>, <c>2025-01</c> or <c>2025-09-30</c>; null when the text does not say.</param>
/// <param name="Quote">The sentence the figure was read from, whitespace collapsed.</param>
public sealed record TroopCount(string Force, string Location, string? Site, TroopKind Kind, int Count, Bound Bound, string? AsOf, string Quote);
