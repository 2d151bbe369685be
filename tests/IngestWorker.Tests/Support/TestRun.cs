using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace IngestWorker.Tests.Support;

/// <summary>
/// One folder holds everything a test run writes: the test server's cluster, the scratch folders, and whatever
/// the code under test or its child processes put in the temp folder (TMPDIR points here for the whole run).
/// A watcher outside the test host stops the servers left in it and deletes it once the host has gone:
/// dotnet test kills its host about 100 ms after the last test, too soon for the host to stop a server and
/// delete the gigabyte a full run leaves behind.
/// </summary>
public static class TestRun
{
    public static string Folder { get; private set; } = "";

    /// <summary>
    /// Waits for the test host ($1) to end, stops each PostgreSQL still running from the folder ($2) at once
    /// (SIGQUIT is its immediate shutdown; a pid file left by a crash is skipped unless its pid is a postgres),
    /// kills one still there after 30 s, then deletes the folder.
    /// </summary>
    private const string Reaper = """
        exec </dev/null >/dev/null 2>&1
        host=$1
        folder=$2
        while kill -0 "$host"; do sleep 1; done
        find "$folder" -name postmaster.pid | while read -r pid_file; do
            pid=$(head -n 1 "$pid_file")
            [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm")" = postgres ] || continue
            kill -QUIT "$pid"
            tries=0
            while kill -0 "$pid" && [ "$tries" -lt 150 ]; do sleep 0.2; tries=$((tries + 1)); done
            kill -KILL "$pid"
        done
        rm -rf "$folder"
        """;

    // Runs as the test assembly loads: before any test, and before anything has read the temp folder.
#pragma warning disable CA2255 // A test assembly's own setup is what a module initializer is for.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"ingestworker-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Folder);
        Environment.SetEnvironmentVariable("TMPDIR", Folder);
        StartReaper(Environment.ProcessId, Folder);
    }

    /// <summary>Has a watcher delete <paramref name="folder"/>, and stop the servers in it, once process <paramref name="host"/> has ended.</summary>
    public static void StartReaper(int host, string folder)
    {
        // setsid --fork: a session of its own whose parent is init, not the test host, so neither the host's
        // end nor a signal to the run's process group takes the watcher with it.
        var reaper = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "--fork", "sh", "-c", Reaper, "reaper", host.ToString(CultureInfo.InvariantCulture), folder },
            UseShellExecute = false,
        };
        try
        {
            using var setsid = Process.Start(reaper);
            setsid?.WaitForExit();
        }
        catch (Win32Exception)
        {
            // Not a reason to fail the run; the folder is just not removed.
            Console.Error.WriteLine($"setsid was not found: delete {folder} once process {host} has ended.");
        }
    }
}
