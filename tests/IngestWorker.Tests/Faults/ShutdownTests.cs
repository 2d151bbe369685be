using System.Text;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using IngestWorker.Tools;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    [Fact]
    public async Task Regression_closing_the_listen_wakeup_while_a_daemon_still_polls_does_not_hang_the_worker_on_disposal()
    {
        // Given a running worker whose projection daemon waits on Marten's LISTEN wake-up between its polls.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("wakeup-close"));
        await worker.DropAsync("one.txt", Encoding.UTF8.GetBytes("One report\n\nAbout 2,500 US troops are in Iraq."));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
        var coordinator = worker.Services.GetRequiredService<IProjectionCoordinator>();
        Assert.Contains(await coordinator.AllDaemonsAsync(), daemon => daemon.IsRunning);

        // When the wake-up is closed with the daemon still running, as when an agent outlives Wolverine's stop.
        await worker.Services.GetServices<IHostedService>().OfType<ListenWakeupClose>().Single().StopAsync(CancellationToken.None);

        // Then the worker still stops and is disposed within its minute: a wake-up disposed under the polling loop
        // stranded the loop, and the daemon's stop at the host's disposal waited for ever.
        await worker.DisposeAsync();
    }
}
