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
/// create for the store as configured (the log, the projections' bookkeeping, the read model's tables) and of the Marten
/// and Weasel versions that would compare it. A start whose configuration has that fingerprint, and whose tables and
/// functions are all there, skips Marten's comparison of every configured table and function with the database's
/// (most of a start with the schema in place, docs/performance.md "Start"); any other start compares and migrates as
/// before, then stamps. A change made by hand to a column or an index is not seen while the stamp matches:
/// <c>db-assert</c> still compares everything, and <c>db-apply</c> always migrates.
/// </summary>
public sealed class SchemaStamp(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>The stamp's table, in the log's schema; not Marten's, so <c>db-patch</c> and <c>db-assert</c> leave it alone.</summary>
    public const string TableName = LogStore.Schema + ".schema_stamp";

    /// <summary>
    /// Brings the schema to the configuration unless the stamp says it is there already; either way Marten's own checks
    /// of each feature on first use are then settled for everything the fingerprint covers.
    /// </summary>
    /// <returns>Whether the schema was compared (and migrated where it differed).</returns>
    public async Task<bool> ApplyUnlessStampedAsync(CancellationToken ct)
    {
        if (store.Storage.Database is not DatabaseBase<NpgsqlConnection> database)
        {
            await ApplyAsync(ct);
            return true;
        }

        var objects = ConfiguredObjects(database);
        var fingerprint = Fingerprint(objects, database.Migrator);
        if (await StampedAsync(fingerprint, objects, ct))
        {
            database.MarkAllFeaturesAsChecked();
            return false;
        }

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await RecordAsync(fingerprint, ct);
        return true;
    }

    /// <summary>Compares and migrates whatever the stamp says (after the log was moved and the read model dropped), then stamps.</summary>
    public async Task ApplyAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        if (store.Storage.Database is DatabaseBase<NpgsqlConnection> database)
        {
            var objects = ConfiguredObjects(database);
            await RecordAsync(Fingerprint(objects, database.Migrator), ct);
        }
    }

    /// <summary>The fingerprint of <paramref name="objects"/>: their DDL in a stable order, with the versions of the code that compares them.</summary>
    public static string Fingerprint(IReadOnlyList<ISchemaObject> objects, Migrator migrator)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var ddl = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var assembly in new[] { typeof(DocumentStore).Assembly, typeof(Migrator).Assembly, typeof(Table).Assembly })
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
    private async Task<bool> StampedAsync(string fingerprint, IEnumerable<ISchemaObject> objects, CancellationToken ct)
    {
        var configured = objects.ToList();
        var tables = configured.OfType<Table>().Select(t => t.Identifier.QualifiedName).Append(TableName).ToList();
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

    private async Task RecordAsync(string fingerprint, CancellationToken ct)
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
}
