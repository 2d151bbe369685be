using IngestWorker.EventStore;
using Npgsql;

namespace IngestWorker.FaultHarness;

/// <summary>
/// A database whose disk is full, as the worker meets it: PostgreSQL answers every append with disk_full
/// (53100), as when it cannot extend a table. A trigger stands in for the disk, since a real full disk would
/// also stop whoever set it up. Used by the fault harness and the tests alike.
/// </summary>
public static class FullDatabaseDisk
{
    /// <summary>From now on every append to the log fails with disk_full, until <see cref="FreeAsync"/>.</summary>
    public static Task FillAsync(string connectionString, CancellationToken ct) => ExecuteAsync(connectionString, $"""
        create table if not exists public.disk_is_full (full_since timestamptz);
        insert into public.disk_is_full values (now());
        create or replace function public.refuse_when_full() returns trigger language plpgsql as $$
        begin
          if exists (select 1 from public.disk_is_full) then
            raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
          end if;
          return new;
        end $$;
        create or replace trigger refuse_when_full before insert on {LogStore.Schema}.mt_events
          for each row execute function public.refuse_when_full();
        """, ct);

    /// <summary>Space is freed: appends go through again.</summary>
    public static Task FreeAsync(string connectionString, CancellationToken ct) =>
        ExecuteAsync(connectionString, "delete from public.disk_is_full", ct);

    /// <summary>Takes the stand-in away altogether.</summary>
    public static Task RemoveAsync(string connectionString, CancellationToken ct) => ExecuteAsync(connectionString,
        $"drop trigger refuse_when_full on {LogStore.Schema}.mt_events; drop function public.refuse_when_full(); drop table public.disk_is_full;", ct);

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
