using IngestWorker.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Database;

/// <summary>
/// Keeps the worker's own PostgreSQL alive: looks every second, starts it again when it died (with
/// backoff between failed starts), and stops the worker with a non-zero exit code and one clear line
/// when it cannot. Meanwhile the inbox keeps its files and the API answers 503.
/// </summary>
public sealed class EmbeddedServerWatch(EmbeddedPostgres server, IHostApplicationLifetime lifetime, ILogger<EmbeddedServerWatch> logger) : BackgroundService
{
    /// <summary>Failed starts in a row before the worker gives up.</summary>
    public const int MaxFailedStarts = 6;

    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await server.EnsureRunningAsync(stoppingToken))
                {
                    Log.EmbeddedServerRestarted(logger);
                }

                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (++failures >= MaxFailedStarts)
                {
                    Log.EmbeddedServerLost(logger, failures, e.Message);
                    Environment.ExitCode = 3;
                    lifetime.StopApplication();
                    return;
                }

                Log.EmbeddedServerRestartFailed(logger, failures, e);
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, failures - 1)), stoppingToken);
                continue;
            }

            await Task.Delay(CheckInterval, stoppingToken);
        }
    }
}
