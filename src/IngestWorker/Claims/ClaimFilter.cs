namespace IngestWorker.Claims;

/// <summary>What a question about claims is narrowed to.</summary>
/// <param name="Subject">A country or finer site for troops (exact, any case); part of a base's name for bases.</param>
/// <param name="KnownAt">The answer as it would have been given that day: articles published (received, when undated) by then.</param>
/// <param name="From">Only figures and statements whose period ends on or after this day.</param>
/// <param name="To">Only figures and statements whose period starts on or before this day.</param>
public sealed record ClaimFilter(string? Subject = null, string? Force = null, DateOnly? KnownAt = null, DateOnly? From = null, DateOnly? To = null)
{
    public static ClaimFilter None { get; } = new();
}
