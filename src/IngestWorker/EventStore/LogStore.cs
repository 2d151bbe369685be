using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Weasel.Core;

namespace IngestWorker.EventStore;

/// <summary>
/// How the log is kept in Marten: in the project's own schema, one stream per article keyed by its
/// content hash, events under their catalogued names. The read models add their projections (<c>ReadModelSet</c>).
/// </summary>
public static class LogStore
{
    public const string Schema = "ingest";

    /// <summary>What every store over the log shares: the worker's, a one-shot verb's and a replay's.</summary>
    /// <param name="wakeupLogger">Where the daemon's wake-up says it cannot listen for appends.</param>
    public static void ConfigureLog(StoreOptions options, NpgsqlDataSource dataSource, ILogger<AppendWakeup>? wakeupLogger = null)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = Schema;
        options.Events.DatabaseSchemaName = Schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.DisableNpgsqlLogging = true;

        // Appends wake the daemon at once (NOTIFY) instead of at its next poll: drop → listed in milliseconds. Through
        // a wake-up of ours: Marten's (UseListenNotifyForEventAppends) loses a notification that comes while the
        // daemon detects the one before, and the last batch of a drop then waits for the next poll (AppendWakeup).
        options.Projections.Wakeup = new AppendWakeup(dataSource, wakeupLogger);
        options.Listeners.Add(new AppendWakeup.OnSessionAppends());

        // camelCase JSON, as the log was written before it moved onto Marten.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        EventCatalogue.Register(options);

        // An article's JSON goes in as bytes, not as jsonb: the server neither parses it on the way in nor writes it out
        // again for each reader (JsonBytesSerializer).
        options.Events.UseBinarySerializer<ArticleReceived>(JsonBytesSerializer.Instance);

        // A gap in the sequence is waited out while a transaction that could fill it is alive (Marten's
        // default, made explicit here): the promise that no committed event is left out of a read model
        // rests on it. No cap: an open transaction that never ends is ended by the server's
        // idle_in_transaction_session_timeout (DatabaseTarget), never by skipping its events.
        options.Projections.UseTransactionEvidenceForGapSkipping = true;
        options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = null;

        // An event a projection cannot read (PoisonEventException) is skipped and kept as Marten's dead letter, shown
        // by `status`; a rebuild does the same, so one bad article cannot stop a replay either.
        options.Projections.Errors.SkipApplyErrors = true;
        options.Projections.RebuildErrors.SkipApplyErrors = true;
    }
}
