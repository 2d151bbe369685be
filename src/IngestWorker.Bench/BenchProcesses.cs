using IngestWorker.Tools;

namespace IngestWorker.Bench;

/// <summary>How the bench starts the worker in a process of its own: on the part's database, watching the part's inbox.</summary>
internal static class BenchProcesses
{
    /// <param name="solo">Tells the worker it is alone on the database (<c>--solo</c>).</param>
    /// <param name="workerDll">The worker's program; null for the build beside the bench.</param>
    /// <param name="replayCores">How many ranges of a replay it applies at once (<c>--replay-cores</c>); null for every core.</param>
    public static WorkerProcess StartWorker(string connectionString, string inbox, string urls = "http://127.0.0.1:0", bool solo = false,
        string? workerDll = null, int? replayCores = null) =>
        WorkerProcess.Start(
            ["run", "--db", connectionString, "--inbox", inbox, "--urls", urls, .. solo ? new[] { "--solo" } : [],
                .. replayCores is { } cores ? new[] { "--replay-cores", cores.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []],
            workerDll);
}
