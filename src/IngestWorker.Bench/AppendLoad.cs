using System.Text;
using System.Text.Json;

namespace IngestWorker.Bench;

/// <summary>
/// The events of part 1: <c>Events</c> readings, each the first event of its own stream (the shape of the
/// log, where every article is a stream of its own), cut into appends of <c>Batch</c> events. Built
/// before any clock starts, from a pool of payloads, so the load does not weigh on the working set of
/// the part it feeds.
/// </summary>
internal sealed class AppendLoad
{
    public const int PayloadBytes = 300;
    private const int DistinctPayloads = 1_000;

    /// <summary>camelCase, as Marten writes the log (<see cref="EventStore.LogStore"/>), so both sides store the same JSON.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private AppendLoad(IReadOnlyList<IReadOnlyList<(string StreamId, int Version, ReadingRecorded Event)>> transactions, int events)
    {
        Transactions = transactions;
        Events = events;
    }

    /// <summary>Each transaction: its events, each with its stream and the version it takes there.</summary>
    public IReadOnlyList<IReadOnlyList<(string StreamId, int Version, ReadingRecorded Event)>> Transactions { get; }

    public int Events { get; }

    public static string StreamId(int stream) => FormattableString.Invariant($"station-{stream:D7}");

    public static AppendLoad Create(int events, int batch, int seed = 5)
    {
        var payloads = Payloads(seed);
        var transactions = new List<IReadOnlyList<(string, int, ReadingRecorded)>>();
        for (var first = 0; first < events; first += batch)
        {
            var transaction = new List<(string, int, ReadingRecorded)>(batch);
            for (var i = first; i < Math.Min(events, first + batch); i++)
            {
                transaction.Add((StreamId(i), 1, payloads[i % payloads.Count]));
            }

            transactions.Add(transaction);
        }

        return new AppendLoad(transactions, events);
    }

    private static List<ReadingRecorded> Payloads(int seed)
    {
        var random = new Random(seed);
        var sensors = new[] { "temperature", "humidity", "pressure", "wind-speed", "rainfall" };
        var units = new[] { "celsius", "percent", "hectopascal", "metres-per-second", "millimetres" };
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var payloads = new List<ReadingRecorded>(DistinctPayloads);
        for (var i = 0; i < DistinctPayloads; i++)
        {
            var kind = random.Next(sensors.Length);
            var reading = new ReadingRecorded(
                FormattableString.Invariant($"station-{random.Next(10_000):D6}"),
                sensors[kind],
                Math.Round(random.NextDouble() * 100, 2),
                units[kind],
                start.AddSeconds(random.Next(365 * 24 * 3600)),
                Note: string.Empty);
            var bare = JsonSerializer.Serialize(reading, Json).Length;
            payloads.Add(reading with { Note = Words(random, Math.Max(0, PayloadBytes - bare)) });
        }

        return payloads;
    }

    private static string Words(Random random, int length)
    {
        string[] words = ["calibrated", "gust", "steady", "offshore", "sensor", "reading", "mast", "north", "drift", "clear", "overcast", "squall"];
        var note = new StringBuilder(length + 12);
        while (note.Length < length)
        {
            note.Append(words[random.Next(words.Length)]).Append(' ');
        }

        return note.ToString(0, length);
    }
}
