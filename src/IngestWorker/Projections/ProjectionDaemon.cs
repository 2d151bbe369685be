using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IngestWorker.Projections;

/// <summary>
/// Runs each projection in a loop of its own. A session advisory lock per projection makes one worker
/// its leader; the others stand by and take over when the leader's session ends.
/// </summary>
public sealed class ProjectionDaemon(
    NpgsqlDataSource dataSource,
    IEnumerable<IProjection> projections,
    RulesCatalog rules,
    LogSignal signal,
    ProjectionOptions options,
    ILogger<ProjectionDaemon> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(projections.Select(projection => RunAsync(projection, stoppingToken)));

    private async Task RunAsync(IProjection projection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                if (!await TryLeadAsync(connection, projection.Name, ct))
                {
                    await Task.Delay(options.StandbyInterval, ct);
                    continue;
                }

                Log.ProjectionLeading(logger, projection.Name);
                try
                {
                    await ProjectWhileLeadingAsync(connection, projection, ct);
                }
                finally
                {
                    await ReleaseAsync(connection, projection.Name);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ProjectionFailed(logger, projection.Name, e);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task ProjectWhileLeadingAsync(NpgsqlConnection connection, IProjection projection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var pulse = signal.Next;
            var count = await ProjectionRunner.RunBatchAsync(connection, ReadModelSchema.Live, projection, rules, options.Batch, ct);
            if (count > 0)
            {
                Log.ProjectionAdvanced(logger, projection.Name, count);
            }

            // A page can end early (its byte budget): only an empty one means caught up.
            if (count == 0)
            {
                await LogSignal.WaitAsync(pulse, options.PollInterval, ct);
            }
        }
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, string projection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LeaderKey(projection) });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ReleaseAsync(NpgsqlConnection connection, string projection)
    {
        // The connection goes back to a pool, where its session lives on: let go of the lock by hand.
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LeaderKey(projection) });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string LeaderKey(string projection) => $"ingest-lead:{projection}";
}
