using IngestWorker.Core.Extraction;
using JasperFx.Events;
using Marten;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Projections;

/// <summary>
/// A Marten async projection that writes rows of one read model (the live one or a replay's shadow).
/// Marten hands it the events of a batch and commits its rows with the projection's checkpoint; it
/// reads the rules the model was built with before each batch, so a model swapped in by a replay is
/// projected on with its own rules whatever rules this process was started with.
/// </summary>
public abstract class ReadModelProjection(string schema, RulesCatalog rules) : IProjection
{
    /// <summary>Where the rows go: <see cref="ReadModelSchema.Live"/> or <see cref="ReadModelSchema.Shadow"/>.</summary>
    public string Schema { get; } = schema;

    /// <summary>The name its checkpoint has in Marten's progression table.</summary>
    public string Name => ReadModelSchema.ProjectionName(BaseName, Schema);

    /// <summary>The projection's name in the live model: <c>articles</c>, <c>claims</c>.</summary>
    public abstract string BaseName { get; }

    /// <summary>
    /// The tables it writes, in <see cref="Schema"/>. Every row is stamped with the rules version, which references the
    /// model's own (<see cref="ReadModelSchema.AddRulesVersion(Table)"/>): the tables accept no other one.
    /// </summary>
    public abstract IEnumerable<Table> DeclareTables();

    /// <summary>
    /// The inbox a projection that extracts gives way to (<see cref="GivesWayToTheInbox"/>); the live model's projections
    /// are given it, a replay's shadow is not, since a replay is the only work of its ranges.
    /// </summary>
    public InboxActivity? Inbox { get; set; }

    /// <summary>
    /// True for a projection that extracts: before a batch it waits until the inbox has been idle a moment (at most
    /// <see cref="InboxActivity.LongestWait"/>), then reads the batch on every core if it is, on one if the inbox is still busy.
    /// </summary>
    protected virtual bool GivesWayToTheInbox => false;

    /// <summary>The names of the tables it writes (without schema): what a replay locks while it swaps the models.</summary>
    public IReadOnlyList<string> Tables => DeclareTables().Select(t => t.Identifier.Name).ToList();

    /// <summary>
    /// For callers outside Marten's daemon (a replay's catch-up): applies <paramref name="events"/>, and keeps an event the
    /// projection cannot read as Marten's dead letter, in the same commit as the rows, as the daemon does.
    /// </summary>
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation) =>
        ApplyAsync(operations, events, rows => rows.Insert(operations), cancellation);

    /// <summary>
    /// As <see cref="ApplyAsync(IDocumentOperations, IReadOnlyList{IEvent}, CancellationToken)"/>, but hands the rows to
    /// <paramref name="write"/> (a replay's range, which copies them in) instead of queuing their inserts; dead letters are
    /// still kept through <paramref name="operations"/>.
    /// </summary>
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, Action<RowSet> write, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var rest = events;
        while (rest.Count > 0)
        {
            try
            {
                await ApplyOrNamePoisonAsync(operations, rest, write, cancellation);
                return;
            }
            catch (PoisonEventException poison)
            {
                // The events before it are written already (one by one, while it was looked for).
                operations.Store(new DeadLetterEvent(poison.Event, new ShardName(Name), poison));
                rest = rest.SkipWhile(e => e.Sequence != poison.Event.Sequence).Skip(1).ToList();
            }
        }
    }

    /// <summary>For Marten's daemon, which skips the event a <see cref="PoisonEventException"/> names and applies the batch again without it.</summary>
    Task IJasperFxProjection<IDocumentOperations>.ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation) =>
        ApplyOrNamePoisonAsync(operations, events, rows => rows.Insert(operations), cancellation);

    private async Task ApplyOrNamePoisonAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, Action<RowSet> write,
        CancellationToken cancellation)
    {
        var cores = 1;
        if (GivesWayToTheInbox && Inbox is { } inbox)
        {
            await inbox.UntilIdleAsync(InboxActivity.LongestWait, cancellation);
            cores = inbox.IsBusy ? 1 : Environment.ProcessorCount;
        }

        var version = await ReadModelSchema.RulesVersionAsync(operations, Schema, cancellation);
        var modelRules = await rules.ForVersionAsync(operations, version, cancellation);
        IReadOnlyList<RowSet> rows;
        try
        {
            rows = Rows(events, modelRules, cores);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One event the projection cannot read must not stop the model: find it by applying the batch event by event.
            foreach (var @event in events)
            {
                try
                {
                    rows = Rows([@event], modelRules, cores: 1);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    throw new PoisonEventException(@event, error);
                }

                Write(rows, write);
            }

            throw;
        }

        Write(rows, write);
    }

    private static void Write(IReadOnlyList<RowSet> rows, Action<RowSet> write)
    {
        foreach (var set in rows)
        {
            write(set);
        }
    }

    /// <summary>
    /// The rows of <paramref name="events"/>, a set per table. Pure: what can fail (reading the articles) fails before
    /// anything is written. Whoever writes them skips a row whose key is there already, so applying an event twice is
    /// harmless, and of two rows with one key the one of the earlier event is kept.
    /// </summary>
    /// <param name="cores">How many cores it may read the events on.</param>
    protected abstract IReadOnlyList<RowSet> Rows(IReadOnlyList<IEvent> events, ExtractionRules rules, int cores);
}
