using System.Globalization;

namespace IngestWorker.Core.Timelines;

/// <summary>A day, a month or a year: the time a figure holds for, as precise as its report says.</summary>
/// <param name="Key"><c>2025</c>, <c>2025-01</c> or <c>2025-09-30</c>.</param>
public sealed record Period(string Key, string Precision, DateOnly Start, DateOnly End) : IComparable<Period>
{
    public const string Day = "day";
    public const string Month = "month";
    public const string Year = "year";

    /// <summary>Reads an asOf as the claims contract writes it; null when it is not one.</summary>
    public static Period? Parse(string? text)
    {
        switch (text?.Length)
        {
            case 4 when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999:
                return new Period(text, Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            case 7 when DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first):
                return new Period(text, Month, first, first.AddMonths(1).AddDays(-1));
            case 10 when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                return new Period(text, Day, day, day);
            default:
                return null;
        }
    }

    public static Period OfDay(DateOnly day) => new(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Day, day, day);

    public static Period OfYear(int year) => Parse(year.ToString("D4", CultureInfo.InvariantCulture))!;

    public bool Overlaps(DateOnly? from, DateOnly? to) => (from is null || End >= from) && (to is null || Start <= to);

    /// <summary>By start; at one start the wider period first, so a year reads before its January.</summary>
    public int CompareTo(Period? other) =>
        other is null ? 1
        : Start != other.Start ? Start.CompareTo(other.Start)
        : other.End.CompareTo(End);

    public override string ToString() => Key;
}
