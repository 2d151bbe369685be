using IngestWorker.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IngestWorker.Operations;

/// <summary>
/// Ready only once the worker has prepared the database (its start-up finished) and the log and the read
/// model are there to read: a schema dropped or never applied is named here, not as a failing query.
/// </summary>
internal sealed class SchemaHealthCheck(IHostApplicationLifetime lifetime, StatusQueries status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the worker is still starting: the schema and the read model are being prepared.");
        }

        try
        {
            var report = await status.GetAsync(null, cancellationToken);
            return report.ModelRulesVersion is null
                ? HealthCheckResult.Unhealthy("the read model has not been built (it names no rules version).")
                : HealthCheckResult.Healthy($"the log and the read model (rules {report.ModelRulesVersion}) are in place.");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return HealthCheckResult.Unhealthy($"the schema is not in place: {e.MessageText}.");
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"the schema could not be read: {e.Message}");
        }
    }
}
