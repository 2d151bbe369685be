using System.Data;
using System.Text.Json;
using IngestWorker.EventStore;
using IngestWorker.Core.Syndication;
using Npgsql;

namespace IngestWorker.Copies;

/// <summary>
/// Which articles are copies of one report (syndication), for every query to count reports rather than
/// copies. The bodies are read from the log itself (the ArticleReceived events), only those that arrived
/// since the last reading, into one <see cref="SyndicationIndex"/> the process keeps: no read-model column
/// is needed, and the cost of a question is the new articles only. The worker reads the whole log once as
/// it starts (<see cref="CopyIndexStartup"/>), so that the first question does not pay for it. A
/// replay changes rules, never bodies, so nothing here is rebuilt by one.
/// </summary>
public sealed class CopyIndex(NpgsqlDataSource dataSource) : ICopies
{
    // Most bodies are a few thousand bytes; the buffers grow to the longest one read, for one reading.
    private const int FirstBufferBytes = 16 * 1024;

    // One gate for the start-up build and every question: a question that comes during the build waits
    // for it and then reads only what arrived since, so no article is read twice or missed.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SyndicationIndex _index = new();
    private long _lastSequence;
    private int _indexed;
    private IReadOnlyDictionary<string, string> _copies = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Articles read into the index so far (read without the gate: it may be behind a reading under way).</summary>
    public int Indexed => Volatile.Read(ref _indexed);

    /// <summary>Every article that is a copy, mapped to its original's stream id; articles not in it are originals.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CopiesAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await ReadNewAsync(ct);
            return _copies;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads every article not yet in the index; returns how many were added.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await ReadNewAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the gate.</summary>
    private async Task<int> ReadNewAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(LogSql.ArticlesAfter);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _lastSequence });
        var added = 0;

        // Sequential access streams each article's JSON into one byte buffer, whose body is unescaped into one
        // char buffer, both reused from row to row: no string per body and no row held whole by the driver.
        // Reading the body as text instead (a string, or Npgsql's text reader) allocated 100 MB at 10,000 articles.
        var bytes = new byte[FirstBufferBytes];
        var chars = new char[FirstBufferBytes];
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
        {
            // By name, looked up once: the columns are read in their order, as sequential access needs.
            var (sequenceColumn, idColumn, receivedColumn, articleColumn) =
                (reader.GetOrdinal("sequence"), reader.GetOrdinal("stream_id"), reader.GetOrdinal("received"), reader.GetOrdinal("article"));
            while (await reader.ReadAsync(ct))
            {
                var sequence = reader.GetInt64(sequenceColumn);
                var id = reader.GetString(idColumn);
                var received = reader.GetFieldValue<DateOnly>(receivedColumn);
                int byteCount;
                await using (var stream = await reader.GetStreamAsync(articleColumn, ct))
                {
                    (bytes, byteCount) = await ReadAllAsync(stream, bytes, ct);
                }

                var (length, published) = ReadBody(bytes.AsSpan(0, byteCount), ref chars);
                _index.Add(id, chars.AsSpan(0, length), published ?? received);
                _lastSequence = sequence;
                added++;
            }
        }

        // Against the index, not this reading: one cut short (cancelled, a lost connection) added articles too.
        if (_index.Count != Indexed)
        {
            // A snapshot readers may hold while the index goes on growing under the gate.
            _copies = _index.Copies().ToDictionary(pair => pair.Copy, pair => pair.Original, StringComparer.Ordinal);
            Volatile.Write(ref _indexed, _index.Count);
        }

        return added;
    }

    /// <summary>
    /// The body of an article's JSON, unescaped into <paramref name="chars"/> (replaced by a longer one when
    /// short), and the day it was published, if it has one.
    /// </summary>
    private static (int BodyLength, DateOnly? Published) ReadBody(ReadOnlySpan<byte> article, ref char[] chars)
    {
        var json = new Utf8JsonReader(article);
        json.Read();
        var (length, published) = (0, (DateOnly?)null);
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var (isBody, isPublished) = (json.ValueTextEquals("body"u8), json.ValueTextEquals("published"u8));
            json.Read();
            if (isBody && json.TokenType == JsonTokenType.String)
            {
                // Unescaped, a string never has more chars than its UTF-8 has bytes.
                if (chars.Length < json.ValueSpan.Length)
                {
                    chars = new char[json.ValueSpan.Length];
                }

                length = json.CopyString(chars);
            }
            else if (isPublished && json.TokenType == JsonTokenType.String && json.TryGetDateTime(out var day))
            {
                published = DateOnly.FromDateTime(day);
            }
            else
            {
                json.Skip();
            }
        }

        return (length, published);
    }

    /// <summary>The whole stream into the buffer from its start, growing it when the stream is longer.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }
}
