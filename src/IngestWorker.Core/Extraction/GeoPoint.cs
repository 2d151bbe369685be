namespace IngestWorker.Core.Extraction;

/// <summary>A point on the map in decimal degrees (WGS 84), as the gazetteer and the rules' places give it.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The box the gazetteer covers: the Middle East, Turkey and the Horn of Africa.</summary>
    public bool InRegion => Latitude is >= 10 and <= 43 && Longitude is >= 25 and <= 64;
}
