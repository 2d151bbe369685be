using IngestWorker.Projections;

namespace IngestWorker.Replay;

/// <summary>Rebuild the read models from the log with <paramref name="Rules"/>; with <paramref name="DryRun"/>, only report.</summary>
/// <param name="Progress">Told how the rebuild goes (a bar, log lines); the command is handled in-process, never sent.</param>
public sealed record ReplayLog(LoadedRules Rules, bool DryRun, ReplayProgress Progress);

/// <summary>The Wolverine handler of <see cref="ReplayLog"/>: the worker at start (rules changed) and the <c>replay</c> verb both go through it.</summary>
public static class ReplayLogHandler
{
    public static Task<ReplayReport> Handle(ReplayLog command, Replayer replayer, CancellationToken ct) =>
        replayer.ReplayAsync(command.Rules, command.DryRun, command.Progress, ct);
}
