using System.Data.Common;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Database;

/// <summary>
/// A row's columns read by the names the query gives them, never by their place: a column added to or moved in a
/// select cannot shift what another read means.
/// </summary>
public static class ColumnReads
{
    public static string Text(this DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetString(reader.GetOrdinal(column));
    }

    public static string? NullableText(this DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>A text column that holds a claims contract word (a bound, a status), read into its enum.</summary>
    /// <exception cref="InvalidDataException">The column holds a word the contract does not know.</exception>
    public static TEnum Word<TEnum>(this DbDataReader reader, string column)
        where TEnum : struct, Enum
    {
        var text = reader.Text(column);
        return ContractWords<TEnum>.TryParse(text, out var member)
            ? member
            : throw new InvalidDataException($"Column '{column}' holds '{text}', which is not one of: {ContractWords<TEnum>.Listed}.");
    }

    public static T Value<T>(this DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<T>(reader.GetOrdinal(column));
    }

    public static T? NullableValue<T>(this DbDataReader reader, string column)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }
}
