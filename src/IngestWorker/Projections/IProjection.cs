using IngestWorker.EventStore;
using IngestWorker.Extraction;
using Npgsql;

namespace IngestWorker.Projections;

/// <summary>
/// Turns events into rows of a read model. Called with a batch of events in log order inside the
/// transaction that also moves the projection's checkpoint, so rows and checkpoint never disagree.
/// </summary>
public interface IProjection
{
    /// <summary>Names the checkpoint, the locks and the projection in <c>status</c>.</summary>
    string Name { get; }

    /// <summary>Idempotent DDL for the projection's tables in <paramref name="schema"/> (the live one, or a replay's shadow).</summary>
    string TablesSql(string schema);

    Task ApplyAsync(ProjectionBatch batch, CancellationToken ct);
}

/// <param name="Schema">Where the rows go: the live read model or a replay's shadow.</param>
/// <param name="Rules">The rules the read model is built with; rows are stamped with their version.</param>
public sealed record ProjectionBatch(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    string Schema,
    IReadOnlyList<StoredEvent> Events,
    ExtractionRules Rules);
