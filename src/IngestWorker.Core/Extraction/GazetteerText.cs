namespace IngestWorker.Core.Extraction;

/// <summary>The text of a gazetteer of installations and the name to give it in messages.</summary>
internal sealed record GazetteerText(string Yaml, string Source);
