using IngestWorker.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Database;

/// <summary>
/// Keeps the worker's own PostgreSQL alive: looks every second and starts it again when it died. A start that
/// fails (a full disk, say) is tried again and again with a back-off up to a minute: the worker stays up,
/// its inbox keeps its files, the API answers 503 with the reason and <see cref="DatabaseHealth"/> tells
/// /health/ready. The first failure and the recovery are logged, not every try in between.
/// </summary>
public sealed class EmbeddedServerWatch(EmbeddedPostgres server, DatabaseHealth health, ILogger<EmbeddedServerWatch> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await server.EnsureRunningAsync(stoppingToken))
                {
                    if (failures > 0)
                    {
                        Log.EmbeddedServerRecovered(logger, failures);
                    }
                    else
                    {
                        Log.EmbeddedServerRestarted(logger);
                    }

                    health.ReportServerDown(null);
                }

                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (++failures == 1)
                {
                    Log.EmbeddedServerRestartFailed(logger, e.Message);
                }

                health.ReportServerDown(e.Message);
                var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - 1), LongestBackoff.TotalSeconds));
                await Task.Delay(backoff, stoppingToken);
                continue;
            }

            await Task.Delay(CheckInterval, stoppingToken);
        }
    }
}
