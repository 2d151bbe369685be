using System.Text.Json;

namespace IngestWorker.EventStore;

/// <summary>Events are stored as camelCase JSON under their record's name.</summary>
public static class EventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static NewEvent ToNew<TEvent>(TEvent @event)
        where TEvent : notnull =>
        new(typeof(TEvent).Name, JsonSerializer.Serialize(@event, Options));

    public static bool Is<TEvent>(StoredEvent stored) =>
        string.Equals(stored.Type, typeof(TEvent).Name, StringComparison.Ordinal);

    public static TEvent Deserialize<TEvent>(StoredEvent stored) =>
        JsonSerializer.Deserialize<TEvent>(stored.Data, Options)
        ?? throw new InvalidDataException(FormattableString.Invariant($"Event {stored.Sequence} of '{stored.StreamId}' holds no {typeof(TEvent).Name}."));
}
