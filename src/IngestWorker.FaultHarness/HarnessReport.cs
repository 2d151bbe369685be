using System.Globalization;
using System.Text;

namespace IngestWorker.FaultHarness;

/// <summary>What a run did and found: the invariant holds when <see cref="Problems"/> is empty.</summary>
public sealed record HarnessReport(
    int FilesDropped,
    int DistinctArticles,
    int Duplicates,
    int Refused,
    int WorkerKills,
    int PostgresKills,
    int Lost,
    int Doubled,
    TimeSpan Elapsed,
    IReadOnlyList<string> Problems)
{
    public bool Holds => Problems.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"files dropped        {FilesDropped:N0} ({DistinctArticles:N0} distinct articles, {Duplicates:N0} copies, {Refused:N0} to refuse)");
        text.AppendLine(CultureInfo.InvariantCulture, $"worker kill -9       {WorkerKills:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL killed    {PostgresKills:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"lost                 {Lost:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"doubled              {Doubled:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"elapsed              {Elapsed:hh\\:mm\\:ss}");
        text.AppendLine(Holds ? "invariant holds: every file is one article, duplicate or rejection with a reason; nothing else in the log; the worker is alive and its read models caught up"
            : "INVARIANT BROKEN:");
        foreach (var problem in Problems)
        {
            text.AppendLine("  - " + problem);
        }

        return text.ToString();
    }
}
