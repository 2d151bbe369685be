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

    /// <summary>Files made to stop the inbox (nested front matter, a 10 MB one-liner, folders, a pipe): all of them to refuse.</summary>
    public int Hostile { get; init; }

    /// <summary>Whether a worker ran on a full archive disk first (only where the harness may mount one).</summary>
    public bool ArchiveDiskFull { get; init; }

    /// <summary>From the moment the full archive disk had room again until the files it held back had left the inbox.</summary>
    public TimeSpan? ArchiveRecovery { get; init; }

    /// <summary>How long the files held back by a full database disk took to leave the inbox once it had room.</summary>
    public TimeSpan? DatabaseRecovery { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"files dropped        {FilesDropped:N0} ({DistinctArticles:N0} distinct articles, {Duplicates:N0} copies, {Refused:N0} to refuse)");
        text.AppendLine(CultureInfo.InvariantCulture, $"worker kill -9       {WorkerKills:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL killed    {PostgresKills:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"hostile files        {Hostile:N0} (among those to refuse)");
        text.AppendLine(CultureInfo.InvariantCulture, $"archive disk full    {(ArchiveDiskFull ? $"once, recovered {ArchiveRecovery?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s after room returned" : "not run (needs root to mount a tmpfs)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"database disk full   once, recovered {DatabaseRecovery?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s after room returned");
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
