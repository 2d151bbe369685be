using Weasel.Core;
using Weasel.Core.Migrations;

namespace IngestWorker.Projections;

/// <summary>
/// The live read model's tables as a feature of Marten's store: Marten creates and migrates them with the log (at start,
/// or by <c>db-apply</c> when schema creation is off), and <c>db-assert</c> and <c>db-patch</c> cover them.
/// </summary>
public sealed class ReadModelTables(IReadOnlyList<ReadModelProjection> projections, Migrator migrator) : FeatureSchemaBase("read-model", migrator)
{
    protected override IEnumerable<ISchemaObject> schemaObjects() => ReadModelSchema.Tables(ReadModelSchema.Live, projections);
}
