using System.Globalization;
using IngestWorker.Core.Extraction;
using IngestWorker.EventStore;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Projections;

/// <summary>
/// Read models live in a schema of their own, so that a replay can build a whole new one beside it and
/// swap the two in one transaction. Its tables are Weasel declarations: Marten creates and migrates the live model's
/// (<see cref="ReadModelTables"/>), and a replay builds its shadow from the same ones. Their checkpoints are Marten's (its progression table), one per
/// projection and model: <c>claims</c> for the live one, <c>claims_next</c> for a replay's shadow.
/// </summary>
public static class ReadModelSchema
{
    public const string Live = "ingest_read";
    public const string Shadow = "ingest_read_next";
    private const string Retired = "ingest_read_old";
    private const string ModelInfo = "model_info";

    /// <summary>What a projection of the shadow has after its live name.</summary>
    public const string ShadowSuffix = "_next";

    /// <summary>Bumped whenever a projection's tables change shape: a model of another shape is rebuilt.</summary>
    public const int Shape = 6;

    /// <summary>A projection's name in Marten: its own name for the live model, with <c>_next</c> for the shadow.</summary>
    public static string ProjectionName(string baseName, string schema) => schema == Live ? baseName : baseName + ShadowSuffix;

    /// <summary>A table of the model in <paramref name="schema"/>, its primary key named as PostgreSQL names one.</summary>
    public static Table NewTable(string schema, string name) =>
        new(ObjectName(schema, name)) { PrimaryKeyName = name + "_pkey" };

    private static PostgresqlObjectName ObjectName(string schema, string name) => new(schema, name, SchemaUtils.IdentifierUsage.General);

    /// <summary>The table that says what the model in <paramref name="schema"/> was built with: one row, whose rules version every row of the model references.</summary>
    public static Table ModelInfoTable(string schema)
    {
        var table = NewTable(schema, ModelInfo);
        table.AddColumn("id", "integer").AsPrimaryKey().DefaultValue(1);
        table.AddColumn("rules_version", "text").NotNull();

        // Nullable: a model from before the extractor's version was recorded gains the column without a value, and is replayed.
        table.AddColumn("extractor_version", "text");
        table.AddColumn("shape", "integer").NotNull();
        table.AddColumn("built_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.CheckConstraints.Add(new TableCheckConstraint(ModelInfo + "_id_check", "id = 1"));

        // What the rules_version of every other table references.
        table.Indexes.Add(new IndexDefinition(ModelInfo + "_rules_version") { IsUnique = true, Columns = ["rules_version"] });
        return table;
    }

    /// <summary>
    /// Adds the <c>rules_version</c> column every row of a read model carries, referencing the model's <c>model_info</c>:
    /// a batch read with the rules of a model a replay has just replaced fails and is read again, instead of mixing two
    /// rule sets in one model. A reference rather than a check of the version itself, so the table's declaration is the
    /// same whatever the rules, and Marten sees no change of schema when they change.
    /// </summary>
    public static void AddRulesVersion(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddColumn("rules_version", "text").NotNull()
            .ForeignKeyTo(ObjectName(table.Identifier.Schema, ModelInfo), "rules_version", $"{table.Identifier.Name}_rules_version_fkey");
    }

    /// <summary>Fills the column <see cref="AddRulesVersion(Table)"/> declares: the rules the rows were read with, the same for all.</summary>
    public static RowSet AddRulesVersion(RowSet rows, string rulesVersion)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.AddSame("rules_version", NpgsqlDbType.Text, rulesVersion);
    }

    /// <summary>Every table of the model in <paramref name="schema"/>, <c>model_info</c> first (the others reference it).</summary>
    public static IReadOnlyList<Table> Tables(string schema, IEnumerable<ReadModelProjection> projections) =>
        [ModelInfoTable(schema), .. projections.SelectMany(p => p.DeclareTables())];

    /// <summary>
    /// Builds a model afresh in <paramref name="schema"/> (a replay's shadow) from the same declarations Marten migrates the
    /// live one with, and stamps it with <paramref name="rulesVersion"/>. Its row tables start bare, without their primary
    /// keys, secondary indexes and the check of each row's rules version, which would cost per row while a replay copies
    /// its ranges in: <see cref="KeyAsync"/> and <see cref="CompleteAsync"/> build them in one pass each once it has.
    /// </summary>
    public static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IEnumerable<ReadModelProjection> projections, string rulesVersion, CancellationToken ct)
    {
        var migrator = new PostgresqlMigrator { TableCreation = CreationStyle.CreateIfNotExists };
        var ddl = new StringWriter(CultureInfo.InvariantCulture);
        ddl.WriteLine($"create schema if not exists {schema};");
        foreach (var table in Tables(schema, projections))
        {
            var rows = table.Identifier.Name != ModelInfo;
            if (rows)
            {
                table.Indexes.Clear();
                table.ForeignKeys.Clear();
            }

            table.WriteCreateStatement(migrator, ddl);
            if (rows && table.PrimaryKeyColumns.Count > 0)
            {
                ddl.WriteLine($"alter table {table.Identifier.QualifiedName} drop constraint {table.PrimaryKeyName};");
            }
        }

        await using (var create = new NpgsqlCommand(ddl.ToString(), connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await StampAsync(connection, transaction, schema, rulesVersion, ct);
    }

    /// <summary>
    /// The tables of the model in <paramref name="schema"/> that hold rows (all but <c>model_info</c>): what a replay loads
    /// bare, then keys and completes. Each has a <c>seq</c> column, the sequence of the event a row was read from.
    /// </summary>
    public static IReadOnlyList<Table> RowTables(string schema, IEnumerable<ReadModelProjection> projections) =>
        Tables(schema, projections).Where(t => t.Identifier.Name != ModelInfo).ToList();

    /// <summary>
    /// Gives <paramref name="table"/>, loaded bare by a replay, its primary key. Two rows with one key are there only when a
    /// stream holds two articles: as the live projections (which skip a row whose key is there already) the row of the
    /// earlier event is kept, and the later ones are deleted first. Building the key is what finds them, so a log without
    /// such a stream pays for nothing else.
    /// </summary>
    /// <returns>How many rows were deleted as later ones of a key.</returns>
    public static async Task<int> KeyAsync(NpgsqlConnection connection, Table table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = string.Join(", ", table.PrimaryKeyColumns);
        if (columns.Length == 0)
        {
            return 0;
        }

        await using var key = new NpgsqlCommand($"alter table {table.Identifier.QualifiedName} add constraint {table.PrimaryKeyName} primary key ({columns})", connection);
        try
        {
            await key.ExecuteNonQueryAsync(ct);
            return 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Below: the later rows of each key go, and the key is built again.
        }

        await using var later = new NpgsqlCommand(
            $"""
            delete from {table.Identifier.QualifiedName} where ctid in (
                select ctid from (select ctid, row_number() over (partition by {columns} order by seq) as n from {table.Identifier.QualifiedName}) as r where n > 1)
            """, connection);
        var deleted = await later.ExecuteNonQueryAsync(ct);
        await key.ExecuteNonQueryAsync(ct);
        return deleted;
    }

    /// <summary>
    /// Adds to the model built by <see cref="CreateAsync"/> and keyed by <see cref="KeyAsync"/> the secondary indexes and the
    /// references to its <c>model_info</c> that its declarations name, so that it has them all before it is swapped in.
    /// </summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, string schema, IEnumerable<ReadModelProjection> projections, CancellationToken ct)
    {
        var ddl = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var table in RowTables(schema, projections))
        {
            foreach (var statement in table.Indexes.Select(i => i.ToDDL(table)).Concat(table.ForeignKeys.Select(k => k.ToDDL(table))))
            {
                ddl.WriteLine(statement.TrimEnd().TrimEnd(';') + ";");
            }
        }

        if (ddl.GetStringBuilder().Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(ddl.ToString(), connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records what the (empty) model in <paramref name="schema"/> is built with, unless it says so already.</summary>
    public static async Task StampAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string rulesVersion, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"insert into {schema}.{ModelInfo} (rules_version, extractor_version, shape) values ($1, $2, $3) on conflict (id) do nothing", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rulesVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = ExtractorVersion.Current });
        command.Parameters.Add(new NpgsqlParameter { Value = Shape });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Drops the model in <paramref name="schema"/>; for the shadow, with the dead letters its projections kept.</summary>
    public static async Task DropAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        if (schema == Shadow)
        {
            await using var forget = new NpgsqlCommand(LogSql.ForgetDeadLettersEndingWith, connection, transaction);
            forget.Parameters.Add(new NpgsqlParameter { Value = ShadowSuffix });
            await forget.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Puts the shadow in place of the live model; the caller's transaction makes it atomic. The events the shadow's
    /// projections could not apply become the live projections' dead letters, in place of the retired model's.
    /// </summary>
    public static async Task SwapInShadowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ReadModelProjection> shadow,
        bool liveExists, CancellationToken ct)
    {
        var retireLive = liveExists ? $"alter schema {Live} rename to {Retired};" : string.Empty;
        await using var command = new NpgsqlCommand(
            $"""
            drop schema if exists {Retired} cascade;
            {retireLive}
            alter schema {Shadow} rename to {Live};
            drop schema if exists {Retired} cascade;
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        var live = shadow.Select(p => p.BaseName).ToArray();
        await using (var forget = new NpgsqlCommand(LogSql.ForgetDeadLettersOf, connection, transaction))
        {
            forget.Parameters.Add(new NpgsqlParameter { Value = live });
            await forget.ExecuteNonQueryAsync(ct);
        }

        await using var handOver = new NpgsqlCommand(LogSql.RenameDeadLetters, connection, transaction);
        handOver.Parameters.Add(new NpgsqlParameter { Value = shadow.Select(p => p.Name).ToArray() });
        handOver.Parameters.Add(new NpgsqlParameter { Value = live });
        await handOver.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The rules version of the model in <paramref name="schema"/>, read inside a projection's batch.</summary>
    public static async Task<string> RulesVersionAsync(IQuerySession session, string schema, CancellationToken ct)
    {
        var versions = await session.AdvancedSql.QueryAsync<string>($"select rules_version from {schema}.model_info", ct);
        return versions.Count == 1
            ? versions[0]
            : throw new InvalidOperationException($"The read model in schema {schema} has no model_info row.");
    }

    /// <summary>What the model in <paramref name="schema"/> was built with, or null when there is none.</summary>
    public static async Task<ModelVersion?> InfoAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection, transaction);
        exists.Parameters.Add(new NpgsqlParameter { Value = schema + ".model_info" });
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            return null;
        }

        // Read as JSON: a model built before the extractor's version was recorded has no such column.
        await using var command = new NpgsqlCommand(
            $"select m.rules_version, to_jsonb(m) ->> 'extractor_version' as extractor_version, m.shape from {schema}.model_info m",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var extractor = reader.GetOrdinal("extractor_version");
        return new ModelVersion(reader.GetString(reader.GetOrdinal("rules_version")), reader.IsDBNull(extractor) ? null : reader.GetString(extractor),
            reader.GetInt32(reader.GetOrdinal("shape")));
    }
}
