namespace IngestWorker.Core.Extraction;

/// <summary>
/// A named site as the rules know it, for a map: an installation of the gazetteer (kind "air base",
/// "camp", …), or a city, region or country of the rules' places (kind "city", "region", "country").
/// </summary>
/// <param name="Name">The canonical name, as claims spell it.</param>
/// <param name="Kind">The installation's kind, or "city", "region", "country".</param>
/// <param name="Country">The country it lies in.</param>
/// <param name="At">Where it is; null when the rules give no coordinates.</param>
public sealed record SiteLocation(string Name, string Kind, string Country, GeoPoint? At);
