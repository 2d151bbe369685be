namespace IngestWorker.EventStore;

/// <summary>A stream was not at the version the writer expected: someone else appended first.</summary>
public sealed class ConcurrencyException(string streamId, int expectedVersion, int actualVersion)
    : Exception(FormattableString.Invariant(
        $"Stream '{streamId}' is at version {actualVersion}, but the append expected version {expectedVersion}."))
{
    public string StreamId { get; } = streamId;

    public int ExpectedVersion { get; } = expectedVersion;

    public int ActualVersion { get; } = actualVersion;
}
