using Marten;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Projections;

/// <summary>
/// Rows a projection read out of a batch of events for one table of its model, column by column: what it writes, apart
/// from how the rows reach the table. A live batch inserts them, skipping a row whose key is there already
/// (<see cref="Insert"/>); a replay's range copies them into the shadow, whose keys are built once every range is
/// loaded (<see cref="CopyAsync"/>).
/// </summary>
/// <param name="table">The table, with its schema.</param>
/// <param name="count">How many rows: the length of every column's values.</param>
public sealed class RowSet(string table, int count)
{
    private readonly List<Column> _columns = [];

    /// <summary>The table, with its schema.</summary>
    public string Table => table;

    public int Count => count;

    /// <summary>The names of the columns, in the order they were added.</summary>
    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToList();

    /// <summary>A column with a value per row.</summary>
    public RowSet Add<T>(string name, NpgsqlDbType type, T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != count)
        {
            throw new ArgumentException($"Column {name} of {table} has {values.Length} values for {count} rows.", nameof(values));
        }

        _columns.Add(new Values<T>(name, type, values));
        return this;
    }

    /// <summary>A column with one value for every row (the rules version): an insert sends it once.</summary>
    public RowSet AddSame<T>(string name, NpgsqlDbType type, T value)
    {
        _columns.Add(new Same<T>(name, type, value));
        return this;
    }

    /// <summary>
    /// Queues a multi-row insert of the rows on <paramref name="operations"/> (a Marten session or the daemon's batch):
    /// one array per column, unnested by the server, and a row whose key is there already is skipped, so applying an event
    /// twice is harmless.
    /// </summary>
    public void Insert(IDocumentOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (count == 0)
        {
            return;
        }

        // Values the rows share come first in the select list, then the unnested arrays: the insert's columns follow suit.
        var same = _columns.Where(c => c.IsSame).ToList();
        var perRow = _columns.Where(c => !c.IsSame).ToList();
        var columns = string.Join(", ", same.Concat(perRow).Select(c => c.Name));
        var select = string.Join(", ", same.Select(c => $"?::{c.SqlType}").Append("r.*"));
        var arrays = string.Join(", ", perRow.Select(c => $"?::{c.SqlType}[]"));
        operations.QueueSqlCommand(
            $"insert into {table} ({columns}) select {select} from unnest({arrays}) as r on conflict do nothing",
            [.. same.Concat(perRow).Select(c => c.Parameter)]);
    }

    /// <summary>
    /// Copies <paramref name="rows"/> into their tables on <paramref name="connection"/> (inside its transaction), in one
    /// binary <c>COPY</c> per table: no statement to plan, no array to unnest, and no key to check per row. A table loaded so
    /// takes rows twice over for a key (a stream with two articles); the replay sets the later ones aside before it builds
    /// the keys (<see cref="ReadModelSchema.KeyAsync"/>).
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<RowSet> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var table in rows.Where(r => r.Count > 0).GroupBy(r => (r.Table, Columns: string.Join(", ", r.ColumnNames))))
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"copy {table.Key.Table} ({table.Key.Columns}) from stdin (format binary)", ct);
            foreach (var set in table)
            {
                for (var row = 0; row < set.Count; row++)
                {
                    await importer.StartRowAsync(ct);
                    foreach (var column in set._columns)
                    {
                        await column.WriteAsync(importer, row, ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
        }
    }

    private abstract class Column(string name, NpgsqlDbType type)
    {
        public string Name => name;

        public NpgsqlDbType Type => type;

        public string SqlType => type switch
        {
            NpgsqlDbType.Text => "text",
            NpgsqlDbType.Integer => "int",
            NpgsqlDbType.Bigint => "bigint",
            NpgsqlDbType.Date => "date",
            NpgsqlDbType.TimestampTz => "timestamptz",
            _ => throw new NotSupportedException($"Column {name} has type {type}, which rows of a read model do not take yet."),
        };

        public abstract bool IsSame { get; }

        /// <summary>What an insert sends for the column: its array of values, or its one value.</summary>
        public abstract object Parameter { get; }

        public abstract Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken ct);
    }

    private sealed class Values<T>(string name, NpgsqlDbType type, T[] values) : Column(name, type)
    {
        public override bool IsSame => false;

        public override object Parameter => values;

        public override Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken ct) =>
            values[row] is { } value ? importer.WriteAsync(value, Type, ct) : importer.WriteNullAsync(ct);
    }

    private sealed class Same<T>(string name, NpgsqlDbType type, T value) : Column(name, type)
    {
        public override bool IsSame => true;

        public override object Parameter => (object?)value ?? DBNull.Value;

        public override Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken ct) =>
            value is { } v ? importer.WriteAsync(v, Type, ct) : importer.WriteNullAsync(ct);
    }
}
