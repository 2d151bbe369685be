using System.Collections.Concurrent;
using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Answers;

/// <summary>
/// The list routes' answers, kept as the bytes that went out, per URL, for as long as nothing they are
/// made of has moved: the log's last sequence (new articles change which are copies), each projection's
/// checkpoint (the read models' rows) and when the live read model was built (a replay swaps in another).
/// Under load most questions are the same few (the page, a default list), and building one — the rows of
/// a page's timelines or bases read and built, then serialised — costs far more than the one small query
/// that says whether the kept one still holds. Each answer is built once however many ask for it at once.
/// </summary>
/// <remarks>
/// The version is read on every question, so an answer is never older than the question: what a
/// question after an ingest sees is what it saw before this cache. Bounded by <see cref="BudgetBytes"/>:
/// past it, everything is dropped (URLs are the clients' to choose, so the set of keys is not ours).
/// </remarks>
public sealed class AnswerCache(NpgsqlDataSource dataSource)
{
    public const long BudgetBytes = 48L * 1024 * 1024;

    /// <summary>Builds at once: each reads a page's timelines (a long series whole) into memory, so the worker's peak grows with how many run together.</summary>
    private const int Builders = 1;

    private readonly BatchedRead<string> _version = new(() => ReadVersionAsync(dataSource));
    private readonly SemaphoreSlim _builders = new(Builders, Builders);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>How many answers are kept now (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// What the read models and the log stand at now; two equal versions give equal answers. Read by a query
    /// that started after this call, shared by the questions arriving together (<see cref="BatchedRead{T}"/>).
    /// </summary>
    public Task<string> VersionAsync(CancellationToken ct) => _version.ReadAsync(ct);

    private static async Task<string> ReadVersionAsync(NpgsqlDataSource dataSource)
    {
        // No question's token: the read serves every question of its batch.
        await using var command = dataSource.CreateCommand($"""
            select (select coalesce(max(seq_id), 0) from {LogStore.Schema}.mt_events)::text
                   || '|' || coalesce((select string_agg(name || '=' || last_seq_id, ',' order by name) from {LogStore.Schema}.mt_event_progression), '')
                   || '|' || coalesce((select built_at::text || rules_version from {ReadModelSchema.Live}.model_info), '')
            """);
        return (string)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    /// <summary>
    /// The kept answer for <paramref name="key"/> at <paramref name="version"/>, else the one
    /// <paramref name="build"/> makes (once, for every caller waiting on it). A build that throws is not
    /// kept: the next question builds again. The build runs to its end even when the caller that started it
    /// goes away (others may be waiting on it); <paramref name="ct"/> only stops this caller's wait.
    /// </summary>
    public async Task<CachedAnswer> GetOrBuildAsync(string key, string version, Func<Task<CachedAnswer>> build, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(build);
        while (true)
        {
            if (_entries.TryGetValue(key, out var kept) && string.Equals(kept.Version, version, StringComparison.Ordinal))
            {
                return await AwaitAsync(key, kept, ct);
            }

            var fresh = new Entry(version, new Lazy<Task<CachedAnswer>>(() => BuildGatedAsync(build), LazyThreadSafetyMode.ExecutionAndPublication));
            var won = kept is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, kept);
            if (!won)
            {
                // Another question put its entry first: take that one if it is of this version.
                continue;
            }

            if (kept is not null)
            {
                Interlocked.Add(ref _bytes, -kept.Bytes);
            }

            return await AwaitAsync(key, fresh, ct);
        }
    }

    private async Task<CachedAnswer> BuildGatedAsync(Func<Task<CachedAnswer>> build)
    {
        await _builders.WaitAsync();
        try
        {
            return await build();
        }
        finally
        {
            _builders.Release();
        }
    }

    private async Task<CachedAnswer> AwaitAsync(string key, Entry entry, CancellationToken ct)
    {
        CachedAnswer answer;
        try
        {
            answer = await entry.Answer.Value.WaitAsync(ct);
        }
        catch (Exception) when (entry.Answer.Value.IsFaulted || entry.Answer.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }

        if (answer.Body.LongLength > BudgetBytes / 4)
        {
            // Too big to keep beside the others: given to those who waited for it, built again next time.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            return answer;
        }

        if (entry.Account(answer.Body.LongLength) && Interlocked.Add(ref _bytes, answer.Body.LongLength) > BudgetBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }

        return answer;
    }

    private sealed class Entry(string version, Lazy<Task<CachedAnswer>> answer)
    {
        private int _accounted;

        public string Version { get; } = version;

        public Lazy<Task<CachedAnswer>> Answer { get; } = answer;

        public long Bytes { get; private set; }

        /// <summary>True for the one caller that counts this entry's bytes into the budget.</summary>
        public bool Account(long bytes)
        {
            if (Interlocked.Exchange(ref _accounted, 1) != 0)
            {
                return false;
            }

            Bytes = bytes;
            return true;
        }
    }
}
