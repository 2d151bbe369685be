using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IngestWorker.Tools;

/// <summary>
/// The worker as users run it — <c>dotnet IngestWorker.dll run …</c> in a process of its own — so that its
/// memory is its own and a kill hits it alone. Its output is drained into an optional log file and the
/// last lines are kept for an error message; it is stopped as a service manager would (SIGTERM, then
/// SIGKILL after a grace period) or killed outright as a crash would.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly StreamWriter? _log;
    private bool _disposed;

    private WorkerProcess(Process process, StreamWriter? log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>The worker's program beside the calling tool (a project reference on the worker copies it there).</summary>
    public static string BesideThisProgram => Path.Combine(AppContext.BaseDirectory, "IngestWorker.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code once it has exited; null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <c>dotnet WORKER ARGUMENTS</c> without the caller's INGEST_DB, so only the arguments say where the log is.</summary>
    /// <param name="logFolder">When set, everything the worker prints goes to worker-PID.log there.</param>
    public static WorkerProcess Start(IEnumerable<string> arguments, string? workerDll = null, string? workingDirectory = null, string? logFolder = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        workerDll ??= BesideThisProgram;
        if (!File.Exists(workerDll))
        {
            throw new FileNotFoundException($"The worker's program is not where it was looked for ({workerDll}); build the tool's project, which copies it.", workerDll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(workerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("INGEST_DB");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        StreamWriter? log = null;
        if (logFolder is not null)
        {
            Directory.CreateDirectory(logFolder);
            log = new StreamWriter(Path.Combine(logFolder, $"worker-{process.Id}.log")) { AutoFlush = true };
        }

        var worker = new WorkerProcess(process, log);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>An address on the loopback interface with a port free at this moment, for the worker's --urls.</summary>
    public static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"));
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

    /// <summary>What it printed last, for a failure's message.</summary>
    public string Tail()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not stopped within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>Stops the worker as a service manager would; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(DisposeGrace);

        // Waiting for the exit also waits for the last of its output, so the log is closed after its last line.
        await _process.WaitForExitAsync();
        if (_log is not null)
        {
            lock (_lastLines)
            {
                _log.Dispose();
            }
        }

        _process.Dispose();
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

            try
            {
                _log?.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A line from a process that shares the worker's output (its PostgreSQL) after the log closed.
            }
        }
    }
}
