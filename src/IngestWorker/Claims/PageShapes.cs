using IngestWorker.Paging;

namespace IngestWorker.Claims;

/// <summary>
/// How pages of timelines and of bases are cut (<see cref="PiecewisePage"/>). A timeline of a much-reported
/// place can hold hundreds of points (one per day some report dated a figure to), a base whose status went
/// back and forth hundreds of runs: a page ends inside one when it would pass the page's budget, and the
/// next page goes on at its next point or run.
/// </summary>
public static class PageShapes
{
    /// <summary>A timeline: its points are its parts; each point weighs itself, its figures and the copies it names.</summary>
    public static PieceShape<FigureSeries, TimelinePointView> Timelines(Func<FigureSeries, string> key) => new(
        key,
        series => series.Points,
        PointKey,
        (_, _) => 1,
        Weight,
        (series, points, _, continues) => series with { Points = points, Continues = continues });

    /// <summary>A base: its runs are its parts; its latest statements go with its first piece.</summary>
    public static PieceShape<BaseStatusView, StatusRunView> Bases { get; } = new(
        b => b.Base,
        b => b.Runs,
        run => $"{run.From:yyyy-MM-dd} {run.Start} {run.Status}",
        (b, first) => 1 + (first ? b.Statements.Count : 0),
        _ => 1,
        (b, runs, first, continues) => b with { Runs = runs, Statements = first ? b.Statements : [], Continues = continues });

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
