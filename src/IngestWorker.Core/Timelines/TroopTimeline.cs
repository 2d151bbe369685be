using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Timelines;

/// <summary>
/// Turns figures reported article by article into timelines an analyst can read: per force, place and
/// kind, one point per period (day, month or year, as precise as the reports are), supported by the
/// number of independent reports. A figure dated to its own period stays there, whenever it was reported:
/// "170,000 at the 2007 peak" is a 2007 point in an article of 2025.
/// </summary>
public static class TroopTimeline
{
    public static IReadOnlyList<TroopSeries<TSource>> Build<TSource>(IEnumerable<TroopReport<TSource>> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports
            .GroupBy(r => (r.Force, r.Location, r.Kind))
            .OrderBy(g => g.Key.Force, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Location, StringComparer.Ordinal)
            .ThenBy(g => TroopKinds.Order(g.Key.Kind))
            .Select(series => new TroopSeries<TSource>(series.Key.Force, series.Key.Location, series.Key.Kind, Points(series.ToList())))
            .ToList();
    }

    private static List<TimelinePoint<TSource>> Points<TSource>(List<TroopReport<TSource>> series)
    {
        // An undated figure sits in the year the first copy of its report giving it appeared, so that every
        // copy of one report lands in one period even when a copy was published (or received) later. Taken
        // within the series, a series is the same whichever others are built with it (a page of them, or all).
        var firstSeen = series.GroupBy(r => r.ReportId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(r => r.KnownFrom), StringComparer.Ordinal);
        return series
            .Select(r => (Report: r, Placed: PlaceOf(r with { KnownFrom = firstSeen[r.ReportId] })))
            .GroupBy(r => r.Placed)
            .Select(period => Point(period.Key.Period, period.Key.Dated, period.Select(p => p.Report).ToList()))
            .OrderBy(p => p.Period)
            .ThenBy(p => p.Dated)
            .ToList();
    }

    /// <summary>The period a figure holds for: its asOf, else the year it was reported (an undated point).</summary>
    public static (Period Period, bool Dated) PlaceOf<TSource>(TroopReport<TSource> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Period.Parse(report.AsOf) is { } period ? (period, true) : (Period.OfYear(report.KnownFrom.Year), false);
    }

    /// <summary>
    /// Whether two figures of one period contradict each other. A range ("between 2,000 and 2,500") arrives
    /// as an at-least and an at-most figure: those agree whenever the low end is below the high end.
    /// </summary>
    public static bool Disagree(int countA, Bound boundA, int countB, Bound boundB)
    {
        if (countA == countB)
        {
            return false;
        }

        return !(boundA == Bound.AtLeast && boundB == Bound.AtMost && countA <= countB)
            && !(boundB == Bound.AtLeast && boundA == Bound.AtMost && countB <= countA);
    }

    private static TimelinePoint<TSource> Point<TSource>(Period period, bool dated, List<TroopReport<TSource>> reports)
    {
        var figures = reports
            .GroupBy(r => (r.Count, r.Bound))
            .Select(figure => new
            {
                figure.Key.Count,
                figure.Key.Bound,
                Latest = figure.Max(r => r.KnownFrom),
                Reports = figure
                    .GroupBy(r => r.ReportId, StringComparer.Ordinal)
                    .Select(report => new SupportingReport<TSource>(report.Key,
                        report.OrderBy(r => r.KnownFrom).Select(r => r.Source).ToList()))
                    .ToList(),
            })
            .OrderByDescending(f => f.Reports.Count)
            .ThenByDescending(f => f.Latest)
            .ThenByDescending(f => f.Count)
            .ToList();
        var supported = figures[0];
        var disagreement = figures.Skip(1).Any(f => Disagree(supported.Count, supported.Bound, f.Count, f.Bound));
        var latest = reports.OrderBy(r => r.KnownFrom).Last().Source;
        return new TimelinePoint<TSource>(period, dated, supported.Count, supported.Bound, supported.Reports.Count,
            supported.Reports.Sum(r => r.Copies.Count), latest, disagreement,
            figures.Select(f => new PeriodFigure<TSource>(f.Count, f.Bound, f.Reports)).ToList());
    }
}
