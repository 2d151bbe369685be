using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Hosting;

/// <summary>Marks the host's start (Wolverine, its agents, HTTP) and logs the start's steps once it is done.</summary>
public sealed class StartTimelineLog(StartTimeline timeline, IHostApplicationLifetime lifetime, ILogger<StartTimelineLog> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(() =>
        {
            timeline.Mark("host started");
            Log.StartSteps(logger, timeline.Describe());
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }
}
