using IngestWorker.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IngestWorker.Operations;

/// <summary>
/// Ready only when the database answers a query and can take writes: a full disk (or the embedded server down
/// and being started again) is not ready even while reads still answer, and <see cref="DatabaseHealth"/> says why.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, DatabaseHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.NotReadyReason is { } reason)
        {
            return HealthCheckResult.Unhealthy(reason + ".");
        }

        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("the database answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"the database does not answer: {e.Message}");
        }
    }
}
