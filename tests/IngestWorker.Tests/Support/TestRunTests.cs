using System.Diagnostics;
using IngestWorker.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Tests.Support;

/// <summary>What a test run leaves behind: nothing, once its host has gone.</summary>
public sealed class TestRunTests
{
    [Fact]
    public void The_run_writes_its_temporary_files_in_its_own_folder()
    {
        Assert.Equal(Path.TrimEndingDirectorySeparator(TestRun.Folder), Path.TrimEndingDirectorySeparator(Path.GetTempPath()));
        Assert.StartsWith(TestRun.Folder + Path.DirectorySeparatorChar, Paths.Scratch("in-run"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_host_has_gone_its_reaper_stops_the_server_left_running_and_deletes_the_folder()
    {
        // Given a folder with a server still running in it, and a process standing in for the test host.
        var folder = Paths.Scratch("reaped");
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "pg"), NullLogger.Instance, CancellationToken.None, durable: false);
        var serverProcess = Process.GetProcessById(server.ServerProcessId()!.Value);
        using var host = Process.Start("sleep", "1");
        TestRun.StartReaper(host.Id, folder);

        // When the host ends.
        await host.WaitForExitAsync();

        // Then the server stops and the folder goes.
        await Eventually.HoldsAsync(() => Task.FromResult(serverProcess.HasExited && !Directory.Exists(folder)),
            "the reaper has stopped the server and deleted its folder", TimeSpan.FromSeconds(30));
    }
}
