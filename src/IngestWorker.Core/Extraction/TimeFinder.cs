using System.Globalization;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// Finds the time expressions of a sentence and resolves them against the publication date:
/// "September 30, 2025", "September 2026", "at the start of 2025", "in 2021", "last year",
/// "a decade ago", "on Friday", "now". Relative ones resolve to null when the article has no date.
/// </summary>
internal static class TimeFinder
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday, ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> SmallCounts = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["several"] = -1, ["few"] = -1,
    };

    /// <summary>The month each season ends in, for "last summer" and "this spring".</summary>
    private static readonly Dictionary<string, int> SeasonEnds = new(StringComparer.Ordinal)
    {
        ["spring"] = 5, ["summer"] = 8, ["autumn"] = 11, ["fall"] = 11, ["winter"] = 2,
    };

    private static readonly HashSet<string> DeadlineWords = new(StringComparer.Ordinal) { "by", "until", "till", "through", "before", "thru" };

    /// <summary>What most sentences give: no time. Shared, so no caller may change it.</summary>
    private static readonly List<TimeMention> NoTimes = [];

    public static List<TimeMention> Find(Sentence sentence, DateOnly? published, ExtractionRules rules)
    {
        List<TimeMention>? found = null;
        var i = 0;
        while (i < sentence.Count)
        {
            var mention = Phrase(sentence, i, published, rules) ?? Calendar(sentence, i, published, rules) ?? Relative(sentence, i, published, rules);
            if (mention is { } m)
            {
                // "at the height of the war in 2007": a year that pins a vague anchor is kept, event or not.
                var pinsAnchor = found is { Count: > 0 } && found[^1].Kind == TimeKind.Vague && m.Start - found[^1].End <= 5;
                if (m.Kind != TimeKind.Explicit || pinsAnchor || !DatesAnEvent(sentence, m.Start, rules))
                {
                    (found ??= []).Add(SinceMeansNow(sentence, m, published) with { IsDeadline = IsDeadline(sentence, m.Start) });
                }

                i = m.End;
            }
            else
            {
                i++;
            }
        }

        return found ?? NoTimes;
    }

    /// <summary>"the coalition formed in 2014": a date right after an event word dates the event, not a figure.</summary>
    private static bool DatesAnEvent(Sentence sentence, int start, ExtractionRules rules)
    {
        for (var k = Math.Max(0, start - 4); k < start; k++)
        {
            if (rules.TimeEvents.TryMatch(sentence, k, out var match) && match.End <= start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"has held steady since 2011": what held since a date still holds when the article was written.</summary>
    private static TimeMention SinceMeansNow(Sentence sentence, TimeMention mention, DateOnly? published) =>
        mention.Kind == TimeKind.Explicit && sentence.Is(mention.Start - 1, "since")
            ? mention with { Kind = TimeKind.Present, Value = Iso(published), Since = mention.Value }
            : mention;

    /// <summary>True when the token is a month name as written in a date (capitalised, so "may" the verb is not one).</summary>
    public static bool IsMonth(Sentence sentence, int i) =>
        i >= 0 && i < sentence.Count && sentence[i].StartsUpper && Months.ContainsKey(sentence[i].Norm);

    private static TimeMention? Phrase(Sentence sentence, int i, DateOnly? published, ExtractionRules rules)
    {
        if (rules.PresentTime.TryMatch(sentence, i, out var present))
        {
            return new TimeMention(i, present.End, Iso(published), TimeKind.Present, false);
        }

        return rules.VagueTime.TryMatch(sentence, i, out var vague) ? new TimeMention(i, vague.End, null, TimeKind.Vague, false) : null;
    }

    private static TimeMention? Calendar(Sentence sentence, int i, DateOnly? published, ExtractionRules rules)
    {
        if (IsMonth(sentence, i))
        {
            var month = Months[sentence[i].Norm];
            var next = sentence.Is(i + 1, ".") ? i + 2 : i + 1;
            if (Day(sentence, next) is { } day)
            {
                var yearAt = sentence.Is(next + 1, ",") ? next + 2 : next + 1;
                if (Year(sentence, yearAt, rules) is { } y && Date(y, month, day) is { } date)
                {
                    return Explicit(i, yearAt + 1, date);
                }

                // "by September 1": a day without a year is the nearest such day, ahead for a plan, else behind.
                if (Year(sentence, next, rules) is null && published is { } pd)
                {
                    var ahead = LooksAhead(sentence, i);
                    var dayYear = ahead ? (month < pd.Month || (month == pd.Month && day < pd.Day) ? pd.Year + 1 : pd.Year)
                        : (month > pd.Month || (month == pd.Month && day > pd.Day) ? pd.Year - 1 : pd.Year);
                    return Explicit(i, next + 1, Date(dayYear, month, day));
                }
            }

            if (Year(sentence, next, rules) is { } year)
            {
                return Explicit(i, next + 1, $"{year:D4}-{month:D2}");
            }

            // A month without a year: a deadline ("by September") is the next such month, anything else the last one.
            return Explicit(i, next, published is { } p ? $"{MonthYear(p, month, LooksAhead(sentence, i)):D4}-{month:D2}" : null);
        }

        if (Day(sentence, i) is { } dayFirst && IsMonth(sentence, i + 1) && Year(sentence, i + 2, rules) is { } y2
            && Date(y2, Months[sentence[i + 1].Norm], dayFirst) is { } dayFirstDate)
        {
            return Explicit(i, i + 3, dayFirstDate);
        }

        if (Year(sentence, i, rules) is { } bare)
        {
            var start = i;
            var value = bare.ToString("D4", CultureInfo.InvariantCulture);
            if (EndsWith(sentence, i, "start", "of") || EndsWith(sentence, i, "beginning", "of") || EndsWith(sentence, i, "early"))
            {
                value += "-01";
                start = sentence.Is(i - 1, "early") ? i - 1 : i - 2;
            }
            else if (EndsWith(sentence, i, "end", "of"))
            {
                value += "-12";
                start = i - 2;
            }

            if (sentence.Is(start - 1, "the"))
            {
                start--;
            }

            return Explicit(start, i + 1, value);
        }

        if (sentence[i].StartsUpper && Weekdays.TryGetValue(sentence[i].Norm, out var weekday))
        {
            return Explicit(i, i + 1, published is { } p ? Iso(LastWeekday(p, weekday)) : null);
        }

        return null;
    }

    /// <summary>"last year", "next year", "a decade ago", "three years ago", "last month".</summary>
    private static TimeMention? Relative(Sentence sentence, int i, DateOnly? published, ExtractionRules rules)
    {
        var word = sentence[i].Norm;
        if (word is "last" or "this" or "next" or "previous" or "following" && i + 1 < sentence.Count)
        {
            var offset = word switch { "last" or "previous" => -1, "next" or "following" => 1, _ => 0 };
            var start = word is "previous" or "following" && sentence.Is(i - 1, "the") ? i - 1 : i;
            if (sentence.Is(i + 1, "year"))
            {
                return Explicit(start, i + 2, published is { } p ? (p.Year + offset).ToString("D4", CultureInfo.InvariantCulture) : null);
            }

            if (sentence.Is(i + 1, "month"))
            {
                return Explicit(start, i + 2, published is { } p ? p.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture) : null);
            }

            // "this summer", "last spring": the contract has no season precision, so the year the season fell in.
            if (word is "this" or "last" && i + 1 < sentence.Count && SeasonEnds.TryGetValue(sentence[i + 1].Norm, out var endMonth))
            {
                return Explicit(start, i + 2, published is { } p ? SeasonYear(p, word == "last", endMonth).ToString("D4", CultureInfo.InvariantCulture) : null);
            }
        }

        if (word is "earlier" or "later" && sentence.Is(i + 1, "in") && sentence.Is(i + 2, "the") && sentence.Is(i + 3, "year"))
        {
            return Explicit(i, i + 4, published?.Year.ToString("D4", CultureInfo.InvariantCulture));
        }

        if (SmallCounts.TryGetValue(word, out var count) || (sentence[i].IsNumber && int.TryParse(sentence[i].Text, CultureInfo.InvariantCulture, out count) && count is > 0 and < 100))
        {
            var unit = sentence.Is(i + 1, "decade") || sentence.Is(i + 1, "decades") ? 10
                : sentence.Is(i + 1, "year") || sentence.Is(i + 1, "years") ? 1
                : 0;
            // "two weeks before the minister's visit": counted back from the report, a span this short is only
            // sure to the month; a year written just after it dates some other event, so it is left alone.
            var days = sentence.Is(i + 1, "week") || sentence.Is(i + 1, "weeks") ? 7 : sentence.Is(i + 1, "day") || sentence.Is(i + 1, "days") ? 1 : 0;
            if (days > 0 && count > 0 && sentence.Is(i + 2, "before") && !YearWithin(sentence, i + 3, 6, rules))
            {
                return Explicit(i, i + 3, published is { } p ? p.AddDays(-days * count).ToString("yyyy-MM", CultureInfo.InvariantCulture) : null);
            }

            if (unit > 0 && sentence.Is(i + 2, "ago"))
            {
                var years = count * unit;
                return count < 0
                    ? new TimeMention(i, i + 3, null, TimeKind.Vague, false)
                    : Explicit(i, i + 3, published is { } p ? (p.Year - years).ToString("D4", CultureInfo.InvariantCulture) : null);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a day or month without a year lies ahead of the report: a deadline or a plan does ("by September 1",
    /// "set September 1 as the deadline"), unless the sentence tells it as done ("by January 15 each was down to").
    /// </summary>
    private static bool LooksAhead(Sentence sentence, int index)
    {
        if (SpeaksOfFuture(sentence, index))
        {
            return true;
        }

        var deadline = IsDeadline(sentence, index);
        for (var k = 0; k < sentence.Count; k++)
        {
            if (sentence[k].Norm == "deadline")
            {
                deadline = true;
            }
            else if (deadline && k > index && sentence[k].Norm is "was" or "were" or "had")
            {
                return false;
            }
        }

        return deadline;
    }

    /// <summary>"would cut ... before Election Day in November": a modal of the future before a year-less month.</summary>
    private static bool SpeaksOfFuture(Sentence sentence, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (sentence[k].Norm is "will" or "would" or "'ll" or "shall")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"last summer" told in October is this year's summer; told in March, last year's.</summary>
    private static int SeasonYear(DateOnly published, bool last, int endMonth) =>
        last && published.Month <= endMonth ? published.Year - 1 : published.Year;

    private static bool YearWithin(Sentence sentence, int from, int words, ExtractionRules rules)
    {
        for (var k = from; k < sentence.Count && k < from + words; k++)
        {
            if (Year(sentence, k, rules) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static int MonthYear(DateOnly published, int month, bool deadline) =>
        deadline ? (month < published.Month ? published.Year + 1 : published.Year)
            : (month > published.Month ? published.Year - 1 : published.Year);

    private static int? Day(Sentence sentence, int i) =>
        i < sentence.Count && sentence[i].IsNumber && sentence[i].Text.Length <= 2
        && int.TryParse(sentence[i].Text, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31
            ? day
            : null;

    /// <summary>A four-digit year that is not the count of a troop figure ("2000 troops").</summary>
    private static int? Year(Sentence sentence, int i, ExtractionRules rules) =>
        i < sentence.Count && sentence[i].IsNumber && sentence[i].Text.Length == 4
        && int.TryParse(sentence[i].Text, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100
        && !rules.TroopNouns.TryMatch(sentence, i + 1, out _)
            ? year
            : null;

    private static string? Date(int year, int month, int day) =>
        day <= DateTime.DaysInMonth(year, month) ? Iso(new DateOnly(year, month, day)) : null;

    private static bool EndsWith(Sentence sentence, int i, params string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (!sentence.Is(i - words.Length + k, words[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDeadline(Sentence sentence, int start)
    {
        // "by the end of January": look past the words that only narrow the date.
        if (EndsWith(sentence, start, "end", "of") || EndsWith(sentence, start, "start", "of") || EndsWith(sentence, start, "beginning", "of"))
        {
            start -= sentence.Is(start - 3, "the") ? 3 : 2;
        }

        return start > 0 && (DeadlineWords.Contains(sentence[start - 1].Norm) || EndsWith(sentence, start, "no", "later", "than"));
    }

    private static DateOnly LastWeekday(DateOnly published, DayOfWeek weekday)
    {
        var back = ((int)published.DayOfWeek - (int)weekday + 7) % 7;
        return published.AddDays(-back);
    }

    private static TimeMention Explicit(int start, int end, string? value) => new(start, end, value, TimeKind.Explicit, false);

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < MonthNames.Length; m++)
        {
            months[MonthNames[m]] = m + 1;
            months[MonthNames[m][..3]] = m + 1;
        }

        months["sept"] = 9;
        return months;
    }
}
