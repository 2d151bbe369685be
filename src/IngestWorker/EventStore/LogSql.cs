namespace IngestWorker.EventStore;

/// <summary>
/// The one place that knows how Marten lays the log out in PostgreSQL (its <c>mt_</c> tables and their
/// columns), for the few reads its API does not offer at the cost they need: a whole log's bodies streamed
/// in one query, counts by event type, a version of everything in one round trip. A Marten upgrade that
/// moves its tables breaks here, and only here.
/// </summary>
public static class LogSql
{
    /// <summary>Marten's table of events, for the move of a log written before Marten.</summary>
    public const string Events = LogStore.Schema + ".mt_events";

    private const string Streams = LogStore.Schema + ".mt_streams";
    private const string Progression = LogStore.Schema + ".mt_event_progression";
    private const string DeadLetters = LogStore.Schema + ".mt_doc_deadletterevent";

    /// <summary>
    /// Stores the events' bodies compressed with lz4 instead of PostgreSQL's default pglz, from the next event on: an article's
    /// JSON (~5 KB) is compressed once and decompressed by every projection and every replay that reads it, and lz4 does both
    /// several times faster. Both of Marten's columns for a body: <c>data</c> (jsonb) and
    /// <c>bdata</c> (bytes, where articles go: <see cref="JsonBytesSerializer"/>). Changed only when not yet so; a server built
    /// without lz4 keeps its default.
    /// </summary>
    public const string CompressBodiesWithLz4 = $"""
        do $$
        declare
          body_column text;
        begin
          foreach body_column in array array['data', 'bdata'] loop
            if exists (select from pg_attribute where attrelid = '{Events}'::regclass and attname = body_column and attcompression is distinct from 'l') then
              execute format('alter table {Events} alter column %I set compression lz4', body_column);
            end if;
          end loop;
        exception when feature_not_supported then
          null;
        end $$
        """;

    /// <summary>
    /// An event's JSON, wherever Marten keeps it: as bytes in <c>bdata</c> (articles since <see cref="JsonBytesSerializer"/>),
    /// else as <c>jsonb</c> in <c>data</c> (every other event, and articles recorded before).
    /// </summary>
    public const string EventJson = "coalesce(convert_from(bdata, 'UTF8')::jsonb, data)";

    /// <summary>
    /// Every article received after sequence $1, in order: sequence, stream id, the day it was received, and the
    /// article's JSON as UTF-8 bytes, last, so a reader can stream it. The bytes are Marten's own where it keeps
    /// them (<c>bdata</c>), so the server parses nothing; an article recorded as <c>jsonb</c> is written out as text.
    /// </summary>
    public const string ArticlesAfter = $"""
        select seq_id as sequence, stream_id, timestamp::date as received, coalesce(bdata, convert_to(data::text, 'UTF8')) as article
        from {Events}
        where type = '{EventCatalogue.ArticleReceivedName}' and seq_id > $1
        order by seq_id
        """;

    /// <summary>
    /// The ids among the first array of the streams whose first event was recorded from the file named at the
    /// same place in the second: the files a stopped worker recorded but had not moved yet.
    /// </summary>
    public const string StreamsStartedFromTheirFile = $"""
        select e.stream_id from {Events} e
        join unnest(?, ?) as f(stream_id, file_name) on e.stream_id = f.stream_id and {EventJson} ->> 'fileName' = f.file_name
        where e.version = 1
        """;

    /// <summary>The ids among $1 (a text array) of the streams the log already holds.</summary>
    public const string ExistingStreams = $"select id from {Streams} where id = any(?)";

    /// <summary>The counts <c>status</c> shows: events, articles received and files rejected (columns events, articles, rejected).</summary>
    public const string EventCounts = $"""
        select count(*) as events,
               count(*) filter (where type = '{EventCatalogue.ArticleReceivedName}') as articles,
               count(*) filter (where type = '{EventCatalogue.ArticleRejectedName}') as rejected
        from {Events}
        """;

    /// <summary>The files rejected, counted by the code each was rejected with (columns code, null for events from before codes, and count).</summary>
    public const string RejectionsByCode = $"""
        select data->>'code' as code, count(*) as count
        from {Events}
        where type = '{EventCatalogue.ArticleRejectedName}'
        group by 1
        """;

    /// <summary>The version of the rules applied last, or no row before any.</summary>
    public const string LatestRulesVersion =
        $"select data->>'rulesVersion' from {Events} where stream_id = '{EventCatalogue.RulesStream}' order by version desc limit 1";

    /// <summary>How many events the log holds after sequence $1 (committed or in flight): a projection's lag.</summary>
    public const string EventsAfter = $"select count(*) from {Events} where seq_id > $1";

    /// <summary>
    /// A text that changes whenever the log grows or any projection moves on: the last sequence, then every
    /// checkpoint by name. One query, read on every question the answer cache is asked.
    /// </summary>
    public const string LogAndProgressVersion = $"""
        (select coalesce(max(seq_id), 0) from {Events})::text
        || '|' || coalesce((select string_agg(name || '=' || last_seq_id, ',' order by name) from {Progression}), '')
        """;

    /// <summary>Forgets the dead letters of the projections whose names end with $1 (a replay's shadow, dropped).</summary>
    public const string ForgetDeadLettersEndingWith = $"delete from {DeadLetters} where right(data ->> 'projectionName', length($1)) = $1";

    /// <summary>Forgets the dead letters of the projections named in $1 (a text array): those of a model a replay retires.</summary>
    public const string ForgetDeadLettersOf = $"delete from {DeadLetters} where data ->> 'projectionName' = any($1)";

    /// <summary>Gives the dead letters of each projection named in $1 to the one named at the same place in $2 (text arrays).</summary>
    public const string RenameDeadLetters = $"""
        update {DeadLetters} d set data = jsonb_set(d.data, array['projectionName'], to_jsonb(n.new_name))
        from unnest($1::text[], $2::text[]) as n(old_name, new_name)
        where d.data ->> 'projectionName' = n.old_name
        """;
}
