using System.Text;
using IngestWorker.EventStore;

namespace IngestWorker.Bench;

/// <summary>
/// The events of parts 1 and 2: <c>Events</c> events spread round-robin over <c>Streams</c> streams, so
/// streams grow side by side as in a real log, cut into transactions of <c>Batch</c> events. Built
/// before any clock starts; the JSON comes from a pool of payloads, so the load does not weigh on the
/// working set of the part it feeds.
/// </summary>
internal sealed class AppendLoad
{
    public const int PayloadBytes = 300;
    private const int DistinctPayloads = 1_000;

    private AppendLoad(IReadOnlyList<IReadOnlyList<StreamAppend>> transactions, int events)
    {
        Transactions = transactions;
        Events = events;
    }

    /// <summary>Each transaction: one append per stream it touches, with the version that stream had before.</summary>
    public IReadOnlyList<IReadOnlyList<StreamAppend>> Transactions { get; }

    public int Events { get; }

    public static string StreamId(int stream) => FormattableString.Invariant($"station-{stream:D6}");

    public static AppendLoad Create(int events, int streams, int batch, int seed = 5)
    {
        var payloads = Payloads(seed);
        var transactions = new List<IReadOnlyList<StreamAppend>>();
        for (var first = 0; first < events; first += batch)
        {
            // Event i goes to stream i % streams as its version i / streams + 1.
            var byStream = new Dictionary<int, (int FirstVersion, List<NewEvent> Events)>();
            for (var i = first; i < Math.Min(events, first + batch); i++)
            {
                var stream = i % streams;
                if (!byStream.TryGetValue(stream, out var append))
                {
                    append = (i / streams + 1, []);
                    byStream[stream] = append;
                }

                append.Events.Add(payloads[i % payloads.Count]);
            }

            transactions.Add(byStream.Select(s => new StreamAppend(StreamId(s.Key), s.Value.FirstVersion - 1, s.Value.Events)).ToList());
        }

        return new AppendLoad(transactions, events);
    }

    /// <summary>The first transactions holding about <paramref name="events"/> events, for a warm-up.</summary>
    public AppendLoad Slice(int events)
    {
        var taken = new List<IReadOnlyList<StreamAppend>>();
        var count = 0;
        foreach (var transaction in Transactions.TakeWhile(_ => count < events))
        {
            taken.Add(transaction);
            count += transaction.Sum(a => a.Events.Count);
        }

        return new AppendLoad(taken, count);
    }

    /// <summary>The load's rows as the raw side writes them: (stream, version, type, data, metadata).</summary>
    public static IEnumerable<(string StreamId, int Version, string Type, string Data, string Metadata)> Rows(IReadOnlyList<StreamAppend> transaction) =>
        transaction.SelectMany(append => append.Events.Select((e, i) => (append.StreamId, append.ExpectedVersion + 1 + i, e.Type, e.Data, e.Metadata ?? "{}")));

    private static List<NewEvent> Payloads(int seed)
    {
        var random = new Random(seed);
        var sensors = new[] { "temperature", "humidity", "pressure", "wind-speed", "rainfall" };
        var units = new[] { "celsius", "percent", "hectopascal", "metres-per-second", "millimetres" };
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var payloads = new List<NewEvent>(DistinctPayloads);
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
            var bare = EventSerializer.ToNew(reading).Data.Length;
            payloads.Add(EventSerializer.ToNew(reading with { Note = Words(random, Math.Max(0, PayloadBytes - bare)) }));
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
