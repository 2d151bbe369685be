namespace IngestWorker.Bench;

/// <summary>The bench's event: a sensor reading, about 300 bytes of JSON, like a typical small domain event.</summary>
public sealed record ReadingRecorded(
    string Station,
    string Sensor,
    double Value,
    string Unit,
    DateTimeOffset RecordedAt,
    string Note);
