using System.Diagnostics;

namespace IngestWorker.Bench;

/// <summary>
/// The process's peak working set over one part of the bench. Process.PeakWorkingSet64 covers the
/// whole life of the process, so a part's peak is sampled on a thread of its own while the part runs
/// (a thread, not a timer: a busy thread pool would skip exactly the samples that matter).
/// </summary>
internal sealed class WorkingSetSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _peakBytes;

    private WorkingSetSampler()
    {
        _thread = new Thread(SampleUntilStopped) { IsBackground = true, Name = "bench working-set sampler" };
    }

    /// <summary>Starts sampling after a full collection, so a part does not inherit the garbage of the one before.</summary>
    public static WorkingSetSampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sampler = new WorkingSetSampler();
        sampler.Sample();
        sampler._thread.Start();
        return sampler;
    }

    public double PeakMegabytes => Interlocked.Read(ref _peakBytes) / (1024.0 * 1024.0);

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        Sample();
        _process.Dispose();
    }

    private void SampleUntilStopped()
    {
        while (!_stopping)
        {
            Sample();
            Thread.Sleep(Interval);
        }
    }

    private void Sample()
    {
        long current;
        lock (_process)
        {
            _process.Refresh();
            current = _process.WorkingSet64;
        }

        long seen;
        do
        {
            seen = Interlocked.Read(ref _peakBytes);
        }
        while (current > seen && Interlocked.CompareExchange(ref _peakBytes, current, seen) != seen);
    }
}
