using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Projections;

/// <summary>Array parameters for the multi-row <c>insert … select from unnest(…)</c> that projections write with.</summary>
internal static class SqlArrays
{
    public static NpgsqlParameter Texts(IEnumerable<string?> values) => Of(values, NpgsqlDbType.Text);

    public static NpgsqlParameter Integers(IEnumerable<int> values) => Of(values, NpgsqlDbType.Integer);

    public static NpgsqlParameter Longs(IEnumerable<long> values) => Of(values, NpgsqlDbType.Bigint);

    public static NpgsqlParameter Dates(IEnumerable<DateOnly?> values) => Of(values, NpgsqlDbType.Date);

    public static NpgsqlParameter Dates(IEnumerable<DateOnly> values) => Of(values, NpgsqlDbType.Date);

    public static NpgsqlParameter Timestamps(IEnumerable<DateTimeOffset> values) => Of(values, NpgsqlDbType.TimestampTz);

    private static NpgsqlParameter Of<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
