using IngestWorker.Database;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Replay;

/// <summary>
/// The ranges of the log a replay is split into, in a table every worker on the database sees: which are
/// done, by whom, and the rules they are replayed with (a worker started with other rules reads them here).
/// A worker takes a range by locking its row (<c>for update skip locked</c>) in the transaction that writes
/// the range's rows and marks it done, so a range is applied once, and a worker that dies mid-range leaves
/// it to be taken again.
/// </summary>
internal static class ReplayPlan
{
    public const string Schema = "ingest_replay";
    private const string Replays = Schema + ".replays";
    private const string Ranges = Schema + ".ranges";

    /// <summary>Fewer events per range make a replay's work spread evenly over workers, more make fewer round trips.</summary>
    private const int MinRangeSize = 4;
    private const int MaxRangeSize = 2_000;

    /// <summary>Ranges per core of the coordinating worker: enough that a second worker finds ranges to take.</summary>
    private const int RangesPerCore = 8;

    /// <summary>
    /// Drops every plan (one replay runs at a time, so any plan found is a killed replay's). Waits for a worker
    /// still inside one of its ranges, so that none writes into the shadow model a new replay is about to build.
    /// </summary>
    public static async Task ClearAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            create schema if not exists {Schema};
            create table if not exists {Replays} (
                id             uuid        primary key,
                rules_version  text        not null,
                rules_yaml     text        not null,
                gazetteer_yaml text,
                rules_source   text        not null,
                started_at     timestamptz not null default now()
            );
            create table if not exists {Ranges} (
                replay_id uuid   not null references {Replays} (id) on delete cascade,
                first_seq bigint not null,
                last_seq  bigint not null,
                events    integer,
                done_by   text,
                primary key (replay_id, first_seq)
            );
            delete from {Replays};
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The last sequence every range covers: the highest one committed now, once every transaction that was
    /// open at that moment has ended (one of them may hold a lower sequence, committed after). Events after it
    /// are applied by the catch-up at the swap.
    /// </summary>
    public static async Task<long> SettledEndAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        long end;
        string snapshot;
        await using (var read = new NpgsqlCommand($"select coalesce(max(seq_id), 0) as last_seq, pg_current_snapshot()::text as snapshot from {LogSql.Events}", connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (end, snapshot) = (reader.Value<long>("last_seq"), reader.Text("snapshot"));
        }

        await using var settled = new NpgsqlCommand("select pg_snapshot_xmin(pg_current_snapshot()) >= pg_snapshot_xmax($1::pg_snapshot)", connection);
        settled.Parameters.Add(new NpgsqlParameter { Value = snapshot });
        while (!(bool)(await settled.ExecuteScalarAsync(ct))!)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        return end;
    }

    /// <summary>Sequences 1 to <paramref name="end"/> in ranges of even size.</summary>
    public static IReadOnlyList<(long First, long Last)> Split(long end, int cores)
    {
        var size = Math.Clamp((end + (RangesPerCore * cores) - 1) / (RangesPerCore * cores), MinRangeSize, MaxRangeSize);
        var ranges = new List<(long, long)>();
        for (var first = 1L; first <= end; first += size)
        {
            ranges.Add((first, Math.Min(end, first + size - 1)));
        }

        return ranges;
    }

    public static async Task CreateAsync(NpgsqlConnection connection, Guid replayId, LoadedRules rules, IReadOnlyList<(long First, long Last)> ranges,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        var replay = new NpgsqlBatchCommand(
            $"insert into {Replays} (id, rules_version, rules_yaml, gazetteer_yaml, rules_source) values ($1, $2, $3, $4, $5)");
        replay.Parameters.Add(new NpgsqlParameter { Value = replayId });
        replay.Parameters.Add(new NpgsqlParameter { Value = rules.Rules.Version });
        replay.Parameters.Add(new NpgsqlParameter { Value = rules.Yaml });
        replay.Parameters.Add(new NpgsqlParameter { Value = (object?)rules.Rules.GazetteerYaml ?? DBNull.Value });
        replay.Parameters.Add(new NpgsqlParameter { Value = rules.Source });
        var rows = new NpgsqlBatchCommand($"insert into {Ranges} (replay_id, first_seq, last_seq) select $1, f, l from unnest($2::bigint[], $3::bigint[]) as r(f, l)");
        rows.Parameters.Add(new NpgsqlParameter { Value = replayId });
        rows.Parameters.Add(new NpgsqlParameter { Value = ranges.Select(r => r.First).ToArray() });
        rows.Parameters.Add(new NpgsqlParameter { Value = ranges.Select(r => r.Last).ToArray() });
        batch.BatchCommands.Add(replay);
        batch.BatchCommands.Add(rows);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Locks the row of a range still to do inside <paramref name="transaction"/>: the one asked for, or with no
    /// <paramref name="first"/> the last one nobody holds. Null when there is none (done, held by another worker, or
    /// its replay is over). The replay's own worker takes from the end while the queue's messages, published in
    /// order, name ranges from the start: the two meet once, instead of passing each other range by range.
    /// </summary>
    public static async Task<ReplayRange?> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid replayId, long? first,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select first_seq, last_seq from {Ranges}
            where replay_id = $1 and done_by is null and ($2::bigint is null or first_seq = $2)
            order by first_seq desc limit 1
            for update skip locked
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = replayId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)first ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ReplayRange(replayId, reader.Value<long>("first_seq"), reader.Value<long>("last_seq")) : null;
    }

    /// <summary>
    /// Lets <paramref name="transaction"/> commit without waiting for its WAL to reach the disk. Safe for a range: if the
    /// server crashes, the range's rows and its done mark are lost together (the WAL keeps their order) and the replay
    /// itself is over, since its coordinating connection is gone; and the swap, a durable commit, flushes every range's
    /// WAL before the shadow can become the live model.
    /// </summary>
    public static async Task CommitWithoutFlushAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("set local synchronous_commit = off", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The statement (with its arguments) that marks a taken range done, queued with the range's rows.</summary>
    public static (string Sql, object[] Arguments) MarkDone(ReplayRange range, int events, string worker) =>
        ($"update {Ranges} set done_by = ?, events = ? where replay_id = ? and first_seq = ?", [worker, events, range.ReplayId, range.First]);

    /// <summary>The rules of replay <paramref name="replayId"/>, or null when it is over.</summary>
    public static async Task<LoadedRules?> RulesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid replayId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select rules_yaml, gazetteer_yaml, rules_source from {Replays} where id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = replayId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var (yaml, source) = (reader.Text("rules_yaml"), reader.Text("rules_source"));
        var rules = Core.Extraction.ExtractionRules.Parse(yaml, source, reader.NullableText("gazetteer_yaml"));
        return new LoadedRules(rules, yaml, source);
    }

    /// <summary>How far a replay is: events applied, ranges still to do, and how many workers took ranges.</summary>
    public static async Task<ReplayPlanProgress> ProgressAsync(NpgsqlConnection connection, Guid replayId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select coalesce(sum(events), 0) as events, count(*) filter (where done_by is null) as ranges_left, count(distinct done_by) as workers
            from {Ranges} where replay_id = $1
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = replayId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ReplayPlanProgress(reader.Value<long>("events"), reader.Value<long>("ranges_left"), (int)reader.Value<long>("workers"));
    }

    public static async Task ForgetAsync(NpgsqlConnection connection, Guid replayId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"delete from {Replays} where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = replayId });
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <param name="Events">Events applied by the ranges done so far.</param>
/// <param name="RangesLeft">Ranges not done yet (in work or waiting).</param>
/// <param name="Workers">Distinct workers that have done ranges.</param>
internal sealed record ReplayPlanProgress(long Events, long RangesLeft, int Workers);
