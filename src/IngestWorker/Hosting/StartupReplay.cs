using IngestWorker.Operations;
using IngestWorker.Projections;
using IngestWorker.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace IngestWorker.Hosting;

/// <summary>
/// When the worker starts with rules other than its read model's, replays the log with them as a
/// Wolverine command once the worker runs: the model in place answers queries and keeps projecting
/// until the rebuilt one is swapped in.
/// </summary>
public sealed class StartupReplay(
    DatabaseStartup startup, LoadedRules rules, IServiceProvider services, IHostApplicationLifetime lifetime, ProjectionMetrics metrics,
    ILogger<StartupReplay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!startup.ReplayNeeded)
        {
            return;
        }

        await HostStarted.WaitAsync(lifetime, stoppingToken);
        try
        {
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>()
                .InvokeAsync<ReplayReport>(new ReplayLog(rules, DryRun: false, metrics.Measure(ReplayProgress.ToLog(logger))), stoppingToken, timeout: Timeout.InfiniteTimeSpan);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The model in place stays live; `IngestWorker replay` can be run by hand.
            Log.StartupReplayFailed(logger, e);
        }
    }
}
