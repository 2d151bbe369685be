using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IngestWorker.FaultHarness;

/// <summary>A real worker process on the run's folder, killed the way a crash or an operator would.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly StreamWriter _log;

    private readonly string _logPath;

    private WorkerProcess(Process process, Uri address, StreamWriter log, string logPath)
    {
        _process = process;
        Address = address;
        _log = log;
        _logPath = logPath;
    }

    public Uri Address { get; }

    public bool IsAlive => !_process.HasExited;

    public static WorkerProcess Start(HarnessOptions options, string inbox)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = options.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { options.WorkerDll, "run", "--data", Path.Combine(options.Folder, ".ingest"), "--inbox", inbox, "--urls", address.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("INGEST_DB");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");

        // Its output goes to a log of its own (for whoever looks into a broken run); the harness judges by the folders and the log.
        var logs = Path.Combine(options.Folder, "logs");
        Directory.CreateDirectory(logs);
        var logPath = Path.Combine(logs, $"worker-{process.Id}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, address, log, logPath);
    }

    /// <summary>Whether the worker has written this text to its output so far.</summary>
    public bool Said(string text)
    {
        using var reader = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
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

    /// <summary>SIGTERM, then SIGKILL if it has not stopped within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
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

    public async ValueTask DisposeAsync()
    {
        // Waiting for the exit also waits for the last of its output, so the log is closed after its last line.
        await KillAsync();
        lock (_log)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        lock (log)
        {
            try
            {
                if (line is not null)
                {
                    log.WriteLine(line);
                }
            }
            catch (ObjectDisposedException)
            {
                // A line from a process that shares the worker's output (its PostgreSQL) after the log closed.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
