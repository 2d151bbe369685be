using IngestWorker.Paging;

namespace IngestWorker.Claims;

/// <summary>
/// How a page of timelines is cut. A series of a much-reported place can hold thousands of points (one per
/// day some report dated a figure to), so a page ends inside a series when its points would pass
/// <see cref="PageRequest.MaxWeight"/>: the series is marked <see cref="FigureSeries.Continues"/> and the next
/// page starts with the same series at its next point. A cursor is the last series' key, and the last
/// point's when the page ended inside it.
/// </summary>
public static class HistoryPage
{
    private const char PointSeparator = '\u001e';

    /// <summary>The position a cursor names.</summary>
    /// <param name="Point">The last point given of <paramref name="Series"/>; null when the whole series was given.</param>
    public sealed record Position(string Series, string? Point)
    {
        public static Position? Of(string? after) => after?.Split(PointSeparator) switch
        {
            null => null,
            [var series] => new Position(series, null),
            [var series, var point] => new Position(series, point),
            _ => throw new BadPageRequestException("cursor is not one this worker gave out; start again without it."),
        };

        public override string ToString() => Point is null ? Series : Series + PointSeparator + Point;
    }

    /// <summary>The key a point has in a cursor: its period and whether it is dated (an undated point sorts before the dated one of its year).</summary>
    public static string PointKey(TimelinePointView point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Dated ? point.Period : point.Period + "~undated";
    }

    /// <summary>The rows a point carries into a page: itself, each figure, each copy of each report it names.</summary>
    public static int Weight(TimelinePointView point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return 1 + point.Figures.Sum(f => 1 + f.Sources.Sum(r => r.Copies.Count));
    }

    /// <summary>Cuts one page from <paramref name="series"/>: the series from the cursor's on, in key order.</summary>
    /// <param name="key">A series' key, as a cursor holds it.</param>
    /// <param name="moreAfter">Whether other series follow the last of <paramref name="series"/>.</param>
    public static Page<FigureSeries> Cut(IReadOnlyList<FigureSeries> series, Func<FigureSeries, string> key, Position? after, int limit, int total,
        bool moreAfter)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(key);
        var items = new List<FigureSeries>();
        var carried = 0L;
        Page<FigureSeries> EndAt(Position? next) => new(items, total, limit, next is null ? null : PageRequest.Encode(next.ToString()));

        foreach (var one in series)
        {
            var first = after?.Point is { } lastGiven && key(one) == after.Series ? FirstAfter(one.Points, lastGiven) : 0;
            if (first == one.Points.Count)
            {
                continue;
            }

            if (items.Count == limit)
            {
                return EndAt(new Position(key(items[^1]), null));
            }

            carried++;
            var taken = new List<TimelinePointView>();
            foreach (var point in one.Points.Skip(first))
            {
                var weight = Weight(point);
                if ((items.Count > 0 || taken.Count > 0) && carried + weight > PageRequest.MaxWeight)
                {
                    // The page ends inside this series, or before it when none of its points fit.
                    if (taken.Count == 0)
                    {
                        return EndAt(new Position(key(items[^1]), null));
                    }

                    items.Add(one with { Points = taken, Continues = true });
                    return EndAt(new Position(key(one), PointKey(taken[^1])));
                }

                carried += weight;
                taken.Add(point);
            }

            items.Add(first == 0 ? one : one with { Points = taken });
        }

        return EndAt(moreAfter && items.Count > 0 ? new Position(key(items[^1]), null) : null);
    }

    /// <summary>Where a series goes on after the point a cursor names; from its start when that point is gone (a replay moved it).</summary>
    private static int FirstAfter(IReadOnlyList<TimelinePointView> points, string lastGiven)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (PointKey(points[i]) == lastGiven)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
