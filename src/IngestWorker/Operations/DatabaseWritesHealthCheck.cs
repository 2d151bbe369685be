using IngestWorker.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Operations;

/// <summary>
/// Ready only while the database takes writes: not while its disk is full or the embedded server is being
/// started again (<see cref="DatabaseHealth"/>, told by the writers and the server's watch). The database
/// may still answer a query meanwhile, so the <c>database</c> check alone would say ready.
/// </summary>
internal sealed class DatabaseWritesHealthCheck(DatabaseHealth database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.NotReadyReason is { } reason
            ? HealthCheckResult.Unhealthy(reason + ".")
            : HealthCheckResult.Healthy("the database takes writes."));
}
