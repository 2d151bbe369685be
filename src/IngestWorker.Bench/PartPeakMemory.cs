using System.Diagnostics;
using System.Globalization;

namespace IngestWorker.Bench;

/// <summary>
/// The process's peak working set over one part of the bench. On Linux the kernel keeps the peak itself
/// (VmHWM), and writing 5 to <c>/proc/self/clear_refs</c> starts it again from the present resident set: the
/// part's peak is then exact, and reading it costs the part nothing. Sampling it instead, every few
/// milliseconds on a thread of its own, took several percent of a core from the very parts it measured.
/// Where the kernel's peak cannot be reset, the figure is the process's peak since it started.
/// </summary>
internal sealed class PartPeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    private PartPeakMemory()
    {
    }

    /// <summary>Starts after a full collection, so a part does not inherit the garbage of the one before.</summary>
    public static PartPeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            // "5" resets the peak resident set (proc(5), clear_refs).
            File.WriteAllText(ClearRefs, "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak since the process started is what can be read.
        }

        return new PartPeakMemory();
    }

    /// <summary>The peak resident set since <see cref="Start"/>, in MB.</summary>
    public double PeakMegabytes
    {
        get
        {
            if (File.Exists(Status)
                && File.ReadLines(Status).FirstOrDefault(line => line.StartsWith("VmHWM:", StringComparison.Ordinal)) is { } line)
            {
                // "VmHWM:     123456 kB"
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }

            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / (1024.0 * 1024.0);
        }
    }
}
