using IngestWorker.EventStore;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Bench;

/// <summary>
/// The rebuild figure's projection: how many readings each stream holds and their total. Small on
/// purpose, so the figure measures the rebuild path (read, deserialise, upsert, checkpoint), not the projection.
/// </summary>
internal sealed class StreamEventCountsProjection : IProjection
{
    public string Name => "stream_event_counts";

    public string TablesSql(string schema) => $"""
        create table if not exists {schema}.stream_event_counts (
            stream_id text             primary key,
            events    integer          not null,
            total     double precision not null,
            last_seq  bigint           not null
        );
        """;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var byStream = new Dictionary<string, (int Events, double Total, long LastSeq)>(StringComparer.Ordinal);
        foreach (var stored in batch.Events.Where(EventSerializer.Is<ReadingRecorded>))
        {
            var reading = EventSerializer.Deserialize<ReadingRecorded>(stored);
            var (events, total, _) = byStream.GetValueOrDefault(stored.StreamId);
            byStream[stored.StreamId] = (events + 1, total + reading.Value, stored.Sequence);
        }

        if (byStream.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            insert into {batch.Schema}.stream_event_counts as c (stream_id, events, total, last_seq)
            select * from unnest($1::text[], $2::int[], $3::float8[], $4::bigint[])
            on conflict (stream_id) do update
                set events = c.events + excluded.events, total = c.total + excluded.total, last_seq = excluded.last_seq
            """, batch.Connection, batch.Transaction);
        command.Parameters.Add(SqlArrays.Texts(byStream.Keys));
        command.Parameters.Add(SqlArrays.Integers(byStream.Values.Select(v => v.Events)));
        command.Parameters.Add(new NpgsqlParameter { Value = byStream.Values.Select(v => v.Total).ToArray() });
        command.Parameters.Add(SqlArrays.Longs(byStream.Values.Select(v => v.LastSeq)));
        await command.ExecuteNonQueryAsync(ct);
    }
}
