using System.Globalization;

namespace IngestWorker.Core.Exports;

/// <summary>How every CSV answer writes its cells: numbers and dates the same way in every table, whatever the culture.</summary>
public static class CsvCells
{
    public static string?[] Row(params string?[] fields) => fields;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
