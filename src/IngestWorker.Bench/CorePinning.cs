using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Bench;

/// <summary>
/// Holds every thread of a process to one CPU core, or frees it again (util-linux's <c>taskset</c>; threads the process
/// makes later inherit the pin): how the one-core rows of the replay give each worker a core of its own, as two workers
/// on separate machines have. PostgreSQL is left free on every core. Where <c>taskset</c> cannot run, the rows run
/// unpinned and the log says so.
/// </summary>
internal static class CorePinning
{
    /// <summary>Every core of the machine, in taskset's list form.</summary>
    public static string AllCores => FormattableString.Invariant($"0-{Environment.ProcessorCount - 1}");

    /// <summary>The core for the <paramref name="worker"/>th worker (0, 1, …), shared round-robin on a machine with fewer.</summary>
    public static string CoreFor(int worker) => (worker % Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture);

    /// <summary>Holds <paramref name="processId"/> to <paramref name="cores"/>; where that fails the process runs on as it was, and the log says why.</summary>
    public static async Task PinAsync(int processId, string cores, ILogger logger, CancellationToken ct)
    {
        var taskset = new ProcessStartInfo("taskset")
        {
            ArgumentList = { "--all-tasks", "--pid", "--cpu-list", cores, processId.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(taskset)!;
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                Log.BenchUnpinned(logger, processId, cores, (await error).Trim());
            }
        }
        catch (Win32Exception e)
        {
            Log.BenchUnpinned(logger, processId, cores, e.Message);
        }
    }
}
