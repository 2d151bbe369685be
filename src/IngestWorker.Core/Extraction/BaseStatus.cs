namespace IngestWorker.Core.Extraction;

/// <summary>One statement about a site where troops are (or were) stationed.</summary>
/// <param name="Base">Canonical site name: an installation, else the city or region.</param>
/// <param name="Status">What the statement says of the site; on the wire <c>active</c>, <c>withdrawal-planned</c>,
/// <c>withdrawal-started</c>, <c>handover-in-progress</c>, <c>handed-over</c>, <c>receiving-forces</c> or <c>residual-presence</c>.</param>
/// <param name="AsOf">When the status holds; null when it cannot be dated.</param>
/// <param name="Quote">The sentence the status was read from, whitespace collapsed.</param>
public sealed record BaseStatus(string Base, SiteStatus Status, string? AsOf, string Quote);
