namespace IngestWorker.Core.Extraction;

internal enum PlaceKind
{
    Country,
    Region,
    City,
    Base,
}

/// <summary>
/// A place of the gazetteer, or a base named by pattern ("K1 Air Base"). <see cref="Country"/> is null
/// only for a pattern base, whose country comes from the sentence around it.
/// </summary>
internal sealed record Place(string Name, PlaceKind Kind, string? Country, string? Region, string? City)
{
    /// <summary>True for a base found by its shape rather than listed in the rules.</summary>
    public bool ByShape { get; init; }

    /// <summary>Where it is on a map, when the gazetteer or the rules say; null for a base found by its shape.</summary>
    public GeoPoint? At { get; init; }

    /// <summary>What sort of installation a gazetteer base is ("air base", "camp"); null for other places.</summary>
    public string? Facility { get; init; }

    /// <summary>True when this place lies inside <paramref name="other"/> (a base in a city, a city in a region).</summary>
    public bool LiesWithin(Place other) =>
        other != this && other.Kind switch
        {
            PlaceKind.Country => Country == other.Name && Kind != PlaceKind.Country,
            PlaceKind.Region => (Kind is PlaceKind.City or PlaceKind.Base && Region == other.Name)
                || (other.ByShape && Kind != PlaceKind.Country && Country == other.Country),
            PlaceKind.City => Kind == PlaceKind.Base && City == other.Name,
            _ => false,
        };

    /// <summary>True when <paramref name="other"/> is a place that contains this one or names its country.</summary>
    public bool LiesWithinOrNear(Place other) => LiesWithin(other) || (other.Kind != PlaceKind.Base && Country == other.Country && Kind == PlaceKind.Base);
}
