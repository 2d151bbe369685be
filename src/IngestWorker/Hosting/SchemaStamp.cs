using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using IngestWorker.EventStore;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Hosting;

/// <summary>
/// What the schema was last created or migrated to, kept in one row beside the log: a SHA-256 of the DDL Marten would
/// create for the store as configured (the log, the projections' bookkeeping, the read model's tables), of the DDL of
/// Wolverine's storage beside it, and of the Marten, Weasel and Wolverine versions that compare them. A worker's start
/// whose configuration has that fingerprint, and whose tables and functions are all there, skips Marten's and Wolverine's
/// comparison of every configured table and function with the database's (docs/performance.md, "Start"); any other
/// start compares and migrates as before, and is stamped once the host has started (<see cref="SchemaStampRecord"/>).
/// A change made by hand to a column or an index is not seen while the stamp matches: <c>db-assert</c> still compares
/// everything, and <c>db-apply</c> always migrates.
/// </summary>
public sealed class SchemaStamp(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>The stamp's table, in the log's schema; not Marten's, so <c>db-patch</c> and <c>db-assert</c> leave it alone.</summary>
    public const string TableName = LogStore.Schema + ".schema_stamp";

    /// <summary>
    /// Whether the database is as stamped: the fingerprint of the log's schema as configured, and of
    /// <paramref name="alongside"/> (Wolverine's storage, which Wolverine migrates at its own start), is the stamp's,
    /// and every configured table and function is there, <paramref name="alongsideTables"/> among them.
    /// </summary>
    public async Task<StampCheck> CheckAsync(IReadOnlyList<ISchemaObject> alongside, IReadOnlyList<string> alongsideTables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        if (store.Storage.Database is not DatabaseBase<NpgsqlConnection> database)
        {
            return new StampCheck(false, null);
        }

        ISchemaObject[] objects = [.. ConfiguredObjects(database), .. alongside];
        var fingerprint = Fingerprint(objects, database.Migrator);
        return new StampCheck(await StampedAsync(fingerprint, objects, alongsideTables, ct), fingerprint);
    }

    /// <summary>
    /// After a matching <see cref="CheckAsync"/>: Marten's own check of each feature on its first use is settled for
    /// everything the fingerprint covers, as a full migration would have settled it.
    /// </summary>
    public void MarkChecked()
    {
        if (store.Storage.Database is DatabaseBase<NpgsqlConnection> database)
        {
            database.MarkAllFeaturesAsChecked();
        }
    }

    /// <summary>Records <paramref name="fingerprint"/> once everything it covers has been created or migrated.</summary>
    public async Task RecordAsync(string fingerprint, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand(
            $"""
            create table if not exists {TableName} (
                id integer primary key default 1 check (id = 1),
                fingerprint text not null,
                stamped_at timestamptz not null default now())
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var record = new NpgsqlCommand(
            $"insert into {TableName} (fingerprint) values ($1) on conflict (id) do update set fingerprint = excluded.fingerprint, stamped_at = now()",
            connection);
        record.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        await record.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The fingerprint of <paramref name="objects"/>: their DDL in a stable order, with the versions of the code that compares them.</summary>
    public static string Fingerprint(IReadOnlyList<ISchemaObject> objects, Migrator migrator)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var ddl = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var assembly in new[]
                 {
                     typeof(DocumentStore).Assembly, typeof(Migrator).Assembly, typeof(Table).Assembly, typeof(Wolverine.WolverineOptions).Assembly,
                     typeof(Wolverine.RDBMS.MessageDatabase<>).Assembly, typeof(Wolverine.Postgresql.PostgresqlConfigurationExtensions).Assembly,
                 })
        {
            ddl.WriteLine($"{assembly.GetName().Name} {assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString()}");
        }

        foreach (var schemaObject in objects.OrderBy(o => o.Identifier.QualifiedName, StringComparer.Ordinal))
        {
            ddl.WriteLine(schemaObject.Identifier.QualifiedName);
            schemaObject.WriteCreateStatement(migrator, ddl);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ddl.ToString())));
    }

    /// <summary>Every object Marten would create, after the post-processing its own full migration does first.</summary>
    private static ISchemaObject[] ConfiguredObjects(DatabaseBase<NpgsqlConnection> database)
    {
        var objects = database.AllObjects().ToArray();
        foreach (var postProcessing in objects.OfType<ISchemaObjectWithPostProcessing>())
        {
            postProcessing.PostProcess(objects);
        }

        return objects;
    }

    /// <summary>
    /// Whether the stamp is <paramref name="fingerprint"/> and every configured table and function is there: a schema
    /// dropped by hand (the read model's, to start it afresh) is made again even with the stamp in place.
    /// </summary>
    private async Task<bool> StampedAsync(string fingerprint, IEnumerable<ISchemaObject> objects, IEnumerable<string> alsoTables, CancellationToken ct)
    {
        var configured = objects.ToList();
        var tables = configured.OfType<Table>().Select(t => t.Identifier.QualifiedName).Concat(alsoTables).Append(TableName).Distinct(StringComparer.Ordinal).ToList();
        var functions = configured.OfType<Function>().Select(f => $"{f.Identifier.Schema}.{f.Identifier.Name}").Distinct(StringComparer.Ordinal).ToList();

        // The names are the configuration's own, written into the query as literals: an array parameter would bring the
        // first use of Npgsql's array converters, code compiled at run time, into every start.
        var present = string.Join(" and ", tables.Select(t => $"to_regclass({Literal(t)}) is not null"));
        var functionsFound = functions.Count == 0
            ? string.Empty
            : " and (select count(distinct n.nspname || '.' || p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace" +
              $" where n.nspname || '.' || p.proname in ({string.Join(", ", functions.Select(Literal))})) = {functions.Count}";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var check = new NpgsqlCommand($"select {present}{functionsFound}", connection))
        {
            if (!(bool)(await check.ExecuteScalarAsync(ct))!)
            {
                return false;
            }
        }

        await using var stamp = new NpgsqlCommand($"select fingerprint from {TableName}", connection);
        return await stamp.ExecuteScalarAsync(ct) is string stamped && string.Equals(stamped, fingerprint, StringComparison.Ordinal);
    }

    private static string Literal(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>What <see cref="SchemaStamp.CheckAsync"/> found; <see cref="Fingerprint"/> is to be recorded once the schema is migrated (null: no stamp possible).</summary>
public sealed record StampCheck(bool Matches, string? Fingerprint);
