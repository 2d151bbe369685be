namespace IngestWorker.Answers;

/// <summary>A list route's answer as it went out: its bytes, their type and the headers that carry the page (total, next cursor, file name).</summary>
public sealed record CachedAnswer(byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers);
