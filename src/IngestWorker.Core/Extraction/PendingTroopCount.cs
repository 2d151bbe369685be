namespace IngestWorker.Core.Extraction;

/// <summary>A troop count whose force may still be unknown: the article's own force is only known at its end.</summary>
internal sealed record PendingTroopCount(string? Force, string Location, string? Site, TroopKind Kind, int Count, Bound Bound, string? AsOf, string Quote)
{
    public TroopCount Complete(string defaultForce) => new(Force ?? defaultForce, Location, Site, Kind, Count, Bound, AsOf, Quote);
}
