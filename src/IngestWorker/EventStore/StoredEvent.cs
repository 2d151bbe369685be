namespace IngestWorker.EventStore;

/// <summary>An event as the log holds it.</summary>
/// <param name="Sequence">Global position, unique and increasing, but committed out of order under concurrency.</param>
/// <param name="TransactionId">The writing transaction; readers order by (transaction, sequence).</param>
public sealed record StoredEvent(
    long Sequence,
    ulong TransactionId,
    string StreamId,
    int Version,
    string Type,
    string Data,
    string Metadata,
    DateTimeOffset Timestamp)
{
    /// <summary>The reader's position after this event.</summary>
    public LogPosition Position => new(TransactionId, Sequence);
}

/// <summary>
/// Where a reader of the whole log stands. A pair, not the sequence alone: a lower sequence can commit
/// after a higher one, and a checkpoint on the sequence would skip it.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long Sequence) : IComparable<LogPosition>
{
    public static readonly LogPosition Start = new(0, 0);

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Sequence.CompareTo(other.Sequence);

    public override string ToString() => FormattableString.Invariant($"{TransactionId}/{Sequence}");
}

/// <summary>An event to append: its type name and its JSON.</summary>
public sealed record NewEvent(string Type, string Data, string? Metadata = null);

/// <summary>Events for one stream, with the version the writer believes the stream has.</summary>
public sealed record StreamAppend(string StreamId, int ExpectedVersion, IReadOnlyList<NewEvent> Events)
{
    /// <summary>Append whatever the stream's version (shared streams such as the inbox's).</summary>
    public const int Any = -1;

    /// <summary>The stream must not exist yet.</summary>
    public const int NoStream = 0;
}

/// <summary>A page of the log read in order, and where to read on from.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, LogPosition Next);

/// <summary>
/// How much one read of the whole log returns at most: a number of events and, counting each event's
/// stored size, a number of bytes (the first event always comes, however large).
/// </summary>
public readonly record struct PageSize(int MaxEvents, long MaxBytes = PageSize.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 1024 * 1024;
}
