using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;

namespace IngestWorker.Bases;

/// <summary>
/// How pages of bases are cut (<see cref="PiecewisePage"/>): a base whose status went back and forth
/// hundreds of times has hundreds of runs, and a page ends inside it when it would pass the page's budget;
/// the next page goes on at its next run.
/// </summary>
public static class BasePageShape
{
    /// <summary>A base: its runs are its parts; its latest statements go with its first piece.</summary>
    public static PieceShape<BaseStatusView, StatusRunView> Shape { get; } = new(
        b => b.Base,
        b => b.Runs,
        run => $"{run.From:yyyy-MM-dd} {run.Start} {run.Status.Word()}",
        (b, first) => 1 + (first ? b.Statements.Count : 0),
        _ => 1,
        (b, runs, first, continues) => b with { Runs = runs, Statements = first ? b.Statements : [], Continues = continues });
}
