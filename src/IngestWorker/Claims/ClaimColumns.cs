using IngestWorker.Projections;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Claims;

/// <summary>Where a claim came from, and the rules that read it: the columns every claim table shares.</summary>
public static class ClaimColumns
{
    /// <summary>
    /// A claim table in <paramref name="schema"/>: its key (article, ordinal) first, then the claim's own columns (added
    /// by <paramref name="claimColumns"/>), then the source's and the rules version every claim table shares.
    /// </summary>
    public static Table Declare(string schema, string name, Action<Table> claimColumns)
    {
        ArgumentNullException.ThrowIfNull(claimColumns);
        var table = ReadModelSchema.NewTable(schema, name);
        table.AddColumn("stream_id", "text").AsPrimaryKey();
        table.AddColumn("ordinal", "integer").AsPrimaryKey();
        claimColumns(table);
        table.AddColumn("title", "text");
        table.AddColumn("outlet", "text");
        table.AddColumn("published", "date");
        table.AddColumn("received_at", "timestamptz").NotNull();
        table.AddColumn("known_from", "date").NotNull();
        table.AddColumn("seq", "bigint").NotNull();
        ReadModelSchema.AddRulesVersion(table);
        return table;
    }

    /// <summary>
    /// The rows of claims for a claim table: the source columns, the same for every claim table, filled in from
    /// <paramref name="rows"/>; the claim's own columns are added to it, and <see cref="ReadModelSchema.AddRulesVersion(RowSet, string)"/>
    /// adds the rules version.
    /// </summary>
    public static RowSet Rows(string schema, string table, IReadOnlyList<(ArticleEvent Source, int Ordinal)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new RowSet($"{schema}.{table}", rows.Count)
            .Add("stream_id", NpgsqlDbType.Text, rows.Select(r => r.Source.StreamId).ToArray())
            .Add("ordinal", NpgsqlDbType.Integer, rows.Select(r => r.Ordinal).ToArray())
            .Add("title", NpgsqlDbType.Text, rows.Select(r => r.Source.Received.Title).ToArray())
            .Add("outlet", NpgsqlDbType.Text, rows.Select(r => r.Source.Received.Outlet).ToArray())
            .Add("published", NpgsqlDbType.Date, rows.Select(r => r.Source.Received.Published).ToArray())
            .Add("received_at", NpgsqlDbType.TimestampTz, rows.Select(r => r.Source.Event.Timestamp.ToUniversalTime()).ToArray())
            .Add("known_from", NpgsqlDbType.Date, rows.Select(r => r.Source.KnownFrom).ToArray())
            .Add("seq", NpgsqlDbType.Bigint, rows.Select(r => r.Source.Event.Sequence).ToArray());
    }
}
