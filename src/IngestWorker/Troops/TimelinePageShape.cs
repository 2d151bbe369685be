using IngestWorker.Core.Paging;

namespace IngestWorker.Troops;

/// <summary>
/// How pages of timelines are cut (<see cref="PiecewisePage"/>). A timeline of a much-reported place can
/// hold hundreds of points (one per day some report dated a figure to): a page ends inside one when it
/// would pass the page's budget, and the next page goes on at its next point.
/// </summary>
public static class TimelinePageShape
{
    /// <summary>A timeline: its points are its parts; each point weighs itself, its figures and the copies it names.</summary>
    public static PieceShape<FigureSeries, TimelinePointView> For(Func<FigureSeries, string> key) => new(
        key,
        series => series.Points,
        PointKey,
        (_, _) => 1,
        Weight,
        (series, points, _, continues) => series with { Points = points, Continues = continues });

    /// <summary>The key a point has in a cursor: its period, and whether it is dated (an undated point and a dated one can share a year).</summary>
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
}
