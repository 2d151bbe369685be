using IngestWorker.Tests.Support;
using IngestWorker.Tools;

namespace IngestWorker.Tests.Faults;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Regression_a_worker_on_its_own_server_stops_on_SIGTERM_without_a_stack_trace_from_Marten_listener()
    {
        // Given a worker on its own embedded server that has ingested an article (its daemon listening for appends).
        var folder = Paths.Scratch("shutdown");
        var inbox = Path.Combine(folder, "inbox");
        Directory.CreateDirectory(inbox);
        var address = WorkerProcess.FreeLoopbackAddress();
        await using var worker = WorkerProcess.Start(
            ["run", "--data", Path.Combine(folder, ".ingest"), "--inbox", inbox, "--urls", address.ToString()], workingDirectory: folder);
        var seed = Directory.GetFiles(Paths.Seeds)[0];
        File.Copy(seed, Path.Combine(inbox, Path.GetFileName(seed)));
        await Eventually.HoldsAsync(() => Task.FromResult(worker.HasExited || File.Exists(Path.Combine(folder, "archive", Path.GetFileName(seed)))),
            "the seed is archived", TimeSpan.FromMinutes(2));
        Assert.False(worker.HasExited, worker.Tail());

        // When it is stopped as a service manager stops it.
        await worker.StopAsync(TimeSpan.FromSeconds(60));

        // Then it exits having logged no exception on the way out: the server stops after Marten lets go of it.
        Assert.True(worker.HasExited);
        var tail = worker.Tail();
        Assert.DoesNotContain("LISTEN connection error", tail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", tail, StringComparison.Ordinal);
    }
}
