using IngestWorker.EventStore;
using IngestWorker.Syndication;
using Npgsql;

namespace IngestWorker.Articles;

/// <summary>
/// Which articles are copies of one report (syndication), for every query to count reports rather than
/// copies. The bodies are read from the log itself (the ArticleReceived events), only those that arrived
/// since the last question, into one <see cref="SyndicationIndex"/> the process keeps: no read-model column
/// is needed, and the cost of a question is the new articles only. A replay changes rules, never bodies,
/// so nothing here is rebuilt by one.
/// </summary>
public sealed class ArticleReports(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SyndicationIndex _index = new();
    private long _lastSequence;
    private IReadOnlyDictionary<string, string> _copies = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every article that is a copy, mapped to its original's stream id; articles not in it are originals.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CopiesAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var command = dataSource.CreateCommand($"""
                select seq_id, stream_id, data->>'body',
                       coalesce((data->>'published')::date, timestamp::date)
                from {LogStore.Schema}.mt_events
                where type = '{EventCatalogue.ArticleReceivedName}' and seq_id > $1
                order by seq_id
                """);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _lastSequence });
            var added = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    _index.Add(reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetFieldValue<DateOnly>(3));
                    _lastSequence = reader.GetInt64(0);
                    added++;
                }
            }

            if (added > 0)
            {
                // A snapshot readers may hold while the index goes on growing under the gate.
                _copies = _index.Copies().ToDictionary(pair => pair.Copy, pair => pair.Original, StringComparer.Ordinal);
            }

            return _copies;
        }
        finally
        {
            _gate.Release();
        }
    }
}
