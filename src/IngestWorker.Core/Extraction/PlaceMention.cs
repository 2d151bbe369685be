namespace IngestWorker.Core.Extraction;

/// <summary>
/// A place named in tokens [Start, End). A reference ("the base", "that transition") has no place of its
/// own; it speaks of the installation named just before.
/// </summary>
internal sealed record PlaceMention(int Start, int End, Place? Place, bool IsReference);
