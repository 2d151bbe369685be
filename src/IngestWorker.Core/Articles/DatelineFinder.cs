using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Core.Articles;

/// <summary>
/// Finds the date an article gives for itself near its top ("Oct. 01, 2025", "30 September 2025",
/// "2025-09-30"), and parses dates written in front matter or markup.
/// </summary>
public static partial class DatelineFinder
{
    private const int LinesToSearch = 5;

    /// <summary>A date line is short; looking further only lets a huge line run the regexes into their timeout.</summary>
    private const int CharactersToSearch = 200;

    private static readonly string[] MonthPrefixes =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The first date written in the first five non-empty lines, or null.</summary>
    public static DateOnly? FindInOpening(string body)
    {
        var lines = body.Split('\n')
            .Select(line => line.Trim())
            .Select(line => line.Length > CharactersToSearch ? line[..CharactersToSearch] : line)
            .Where(line => line.Length > 0)
            .Take(LinesToSearch);
        foreach (var line in lines)
        {
            if (FirstDateIn(line) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>A date in ISO form (with or without a time), or written with a month name.</summary>
    public static DateOnly? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > CharactersToSearch)
        {
            trimmed = trimmed[..CharactersToSearch];
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            && IsoStart().IsMatch(trimmed))
        {
            return DateOnly.FromDateTime(instant.Date);
        }

        return FirstDateIn(trimmed);
    }

    private static DateOnly? FirstDateIn(string line)
    {
        DateOnly? best = null;
        var bestIndex = int.MaxValue;

        var iso = IsoDate().Match(line);
        if (iso.Success && TryDate(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value) is { } isoDate)
        {
            (best, bestIndex) = (isoDate, iso.Index);
        }

        var monthFirst = MonthDayYear().Match(line);
        if (monthFirst.Success && monthFirst.Index < bestIndex
            && MonthNumber(monthFirst.Groups["mon"].Value) is { } m1
            && TryDate(monthFirst.Groups["y"].Value, m1, monthFirst.Groups["d"].Value) is { } d1)
        {
            (best, bestIndex) = (d1, monthFirst.Index);
        }

        var dayFirst = DayMonthYear().Match(line);
        if (dayFirst.Success && dayFirst.Index < bestIndex
            && MonthNumber(dayFirst.Groups["mon"].Value) is { } m2
            && TryDate(dayFirst.Groups["y"].Value, m2, dayFirst.Groups["d"].Value) is { } d2)
        {
            (best, bestIndex) = (d2, dayFirst.Index);
        }

        var numeric = NumericDate().Match(line);
        if (numeric.Success && numeric.Index < bestIndex && FromNumbers(numeric) is { } d3)
        {
            best = d3;
        }

        return best;
    }

    /// <summary>
    /// "19.6.2017" and "25-07-2020" are day first, "6/19/2017" month first (claims contract); a slashed date
    /// whose order cannot be told apart ("06/07/2020") gives none.
    /// </summary>
    private static DateOnly? FromNumbers(Match match)
    {
        var (a, b, y) = (match.Groups["a"].Value, match.Groups["b"].Value, match.Groups["y"].Value);
        if (match.Groups["sep"].Value != "/")
        {
            return TryDate(y, b, a);
        }

        var first = int.Parse(a, CultureInfo.InvariantCulture);
        var second = int.Parse(b, CultureInfo.InvariantCulture);
        return first > 12 ? TryDate(y, b, a) : second > 12 ? TryDate(y, a, b) : null;
    }

    private static string? MonthNumber(string name)
    {
        var index = Array.FindIndex(MonthPrefixes, p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static DateOnly? TryDate(string year, string month, string day) =>
        int.TryParse(year, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(day, CultureInfo.InvariantCulture, out var d)
        && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    private const string MonthName =
        @"(?<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

    [GeneratedRegex(@"\b(?<y>(?:19|20|21)\d\d)-(?<m>\d\d)-(?<d>\d\d)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.\-/])(?<a>\d{1,2})(?<sep>[./-])(?<b>\d{1,2})\k<sep>(?<y>(?:19|20|21)\d\d)(?![\d.\-/]?\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoStart();

    [GeneratedRegex(@"\b" + MonthName + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+" + MonthName + @",?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayMonthYear();
}
