namespace IngestWorker.Core.Extraction;

internal enum TimeKind
{
    /// <summary>A date the text gives ("in 2021", "at the start of 2025", "on Friday").</summary>
    Explicit,

    /// <summary>"now", "currently": the publication date.</summary>
    Present,

    /// <summary>"prior to the transition": a time the text does not date; the claim gets no date.</summary>
    Vague,
}

/// <summary>
/// A time expression in tokens [Start, End). <see cref="Value"/> is the resolved date (<c>2025</c>,
/// <c>2025-01</c>, <c>2025-09-30</c>) or null when it needs a publication date the article lacks.
/// <see cref="IsDeadline"/> marks "by/until/through X": when a plan ends, not when a status holds.
/// </summary>
internal readonly record struct TimeMention(int Start, int End, string? Value, TimeKind Kind, bool IsDeadline)
{
    /// <summary>For "since 2017": the date written, while <see cref="Value"/> says the state still holds now.</summary>
    public string? Since { get; init; }
}
