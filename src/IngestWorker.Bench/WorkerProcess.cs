using System.Diagnostics;
using System.Globalization;

namespace IngestWorker.Bench;

/// <summary>
/// The worker as users run it — <c>dotnet IngestWorker.dll run --db … --inbox …</c> in a process of its
/// own — so that its memory is its own and not the bench's. Its output is drained (and the last lines
/// kept, for an error message); it is stopped as a service manager would, with SIGTERM.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private bool _disposed;

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The worker's program: copied beside the bench, since the bench references the worker's project.</summary>
    public static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "IngestWorker.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="solo">Tells the worker it is alone on the database (<c>--solo</c>).</param>
    public static WorkerProcess Start(string connectionString, string inbox, string urls = "http://127.0.0.1:0", bool solo = false)
    {
        if (!File.Exists(WorkerDll))
        {
            throw new FileNotFoundException($"The worker's program is not beside the bench ({WorkerDll}); build src/IngestWorker.Bench.", WorkerDll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerDll, "run", "--db", connectionString, "--inbox", inbox, "--urls", urls }.Concat(solo ? ["--solo"] : []))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("INGEST_DB");
        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The highest resident set the process has had (VmHWM of /proc/PID/status), in MB.</summary>
    public double PeakResidentMegabytes()
    {
        if (Status("VmHWM:") is { } peak)
        {
            return peak;
        }

        // Elsewhere the runtime's own idea of the peak working set.
        _process.Refresh();
        return _process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The resident set now (VmRSS), in MB.</summary>
    public double ResidentMegabytes()
    {
        if (Status("VmRSS:") is { } now)
        {
            return now;
        }

        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>A size line of /proc/PID/status, in MB, or null where there is no /proc.</summary>
    private double? Status(string key)
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return null;
    }

    /// <summary>What it printed last, for a failure's message.</summary>
    public string Tail()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    /// <summary>Stops the worker; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
