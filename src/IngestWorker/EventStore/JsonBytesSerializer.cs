using System.Text.Json;
using System.Text.Json.Serialization;

namespace IngestWorker.EventStore;

/// <summary>
/// Keeps an event as UTF-8 JSON in Marten's <c>bdata</c> column (bytea) instead of its <c>data</c> column (jsonb), for
/// the article events: their ~5 KB body was parsed into <c>jsonb</c> as it was copied in, and written out as JSON
/// again for every projection and replay that read it: over a quarter of the server's work on a bulk drop. The JSON is the
/// one Marten writes (camelCase, enums as names), so SQL still reads it: <see cref="LogSql.EventJson"/>. Rows written
/// as <c>jsonb</c> before stay so and are read as before (Marten looks at which column holds the event).
/// </summary>
public sealed class JsonBytesSerializer : Marten.Events.IEventBinarySerializer
{
    public static readonly JsonBytesSerializer Instance = new();

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private JsonBytesSerializer()
    {
    }

    public byte[] Serialize(Type type, object data) => JsonSerializer.SerializeToUtf8Bytes(data, type, Options);

    public object Deserialize(Type type, byte[] data) =>
        JsonSerializer.Deserialize(data, type, Options) ?? throw new JsonException($"The event's bytes hold null, not a {type.Name}.");
}
