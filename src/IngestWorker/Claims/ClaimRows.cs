using System.Globalization;
using IngestWorker.Core.Paging;
using Npgsql;
using NpgsqlTypes;
using IngestWorker.Database;

namespace IngestWorker.Claims;

/// <summary>What every query of a claim table shares: the filters, the source columns, and pages of items built from many rows.</summary>
public static class ClaimRows
{
    /// <summary>
    /// The filters every claim query shares, on parameters $1..$5. The period of a row is its asOf, else the
    /// year it was reported; as asOf is a prefix of a day (2025, 2025-01, 2025-09-30), a period overlaps
    /// [from, to] when it is not below from's prefix of its length and not above to's.
    /// </summary>
    public const string Filters = """
        ($2::text is null or lower(force) = lower($2))
          and ($3::date is null or known_from <= $3)
          and ($4::text is null or coalesce(as_of, to_char(known_from, 'YYYY')) >= left($4, length(coalesce(as_of, to_char(known_from, 'YYYY')))))
          and ($5::text is null or coalesce(as_of, to_char(known_from, 'YYYY')) <= left($5, length(coalesce(as_of, to_char(known_from, 'YYYY')))))
        """;

    /// <summary>The parameters $1..$5 of <see cref="Filters"/>.</summary>
    public static void AddFilters(NpgsqlCommand command, ClaimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(filter);
        command.Parameters.Add(Text(filter.Subject));
        command.Parameters.Add(Text(filter.Force));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.KnownAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(Text(filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        command.Parameters.Add(Text(filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    public static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    /// <summary>The source of a claim from the columns stream_id, title, outlet, published and received_at.</summary>
    public static ClaimSourceView Source(NpgsqlDataReader reader, IReadOnlyDictionary<string, string> copies)
    {
        ArgumentNullException.ThrowIfNull(copies);
        var streamId = reader.Text("stream_id");
        return new ClaimSourceView(
            streamId,
            reader.NullableText("title"),
            reader.NullableText("outlet"),
            reader.NullableValue<DateOnly>("published"),
            reader.Value<DateTimeOffset>("received_at"),
            copies.GetValueOrDefault(streamId));
    }

    /// <summary>The keys of a grouped query (columns key and rows), already in ordinal order: what a page is cut from.</summary>
    public static async Task<IReadOnlyList<(string Key, int Rows)>> GroupsAsync(NpgsqlDataSource dataSource, string sql, ClaimFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(sql);
        AddFilters(command, filter);
        var groups = new List<(string Key, int Rows)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            groups.Add((reader.Text("key"), (int)reader.Value<long>("rows")));
        }

        return groups;
    }

    /// <summary>
    /// A page of items that are built from many rows each (bases, timelines): from the items' keys with their
    /// counts of rows, in key order, enough items for the page are chosen by an upper bound of their weight,
    /// only those are read and built, and the page is cut from them, inside an item when it is too long.
    /// </summary>
    public static async Task<Page<T>> PieceByPieceAsync<T, TPart>(IReadOnlyList<(string Key, int Rows)> keys, PageRequest page, Func<int, long> bound,
        Func<string[], CancellationToken, Task<IReadOnlyList<T>>> build, PieceShape<T, TPart> shape, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var after = PiecewisePage.Position.Of(page.After);

        // The page starts after the cursor's item, or at it when the previous page ended inside it.
        var start = after is null ? 0
            : keys.Count(k => string.CompareOrdinal(k.Key, after.Item) is var order && (after.Part is null ? order <= 0 : order < 0));
        var chosen = new List<string>();
        var estimate = 0L;
        for (var i = start; i < keys.Count && chosen.Count < page.Limit; i++)
        {
            estimate += bound(keys[i].Rows);
            if (chosen.Count > 0 && estimate > PageRequest.MaxWeight)
            {
                break;
            }

            chosen.Add(keys[i].Key);
        }

        var built = await build([.. chosen], ct);
        return PiecewisePage.Cut(built, shape, after, page.Limit, keys.Count, moreAfter: start + chosen.Count < keys.Count);
    }
}
