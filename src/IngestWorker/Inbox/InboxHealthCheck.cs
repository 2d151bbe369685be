using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Inbox;

/// <summary>Ready only while files can leave the inbox: a full archive disk fails <c>/health/ready</c> and says why.</summary>
internal sealed class InboxHealthCheck(InboxHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.CanMoveFiles
            ? HealthCheckResult.Healthy("files move out of the inbox.")
            : HealthCheckResult.Unhealthy(FormattableString.Invariant($"{health.Problem} (since {health.FailingSince:u}; the files wait in the inbox, tried again in {health.RetryIn.TotalSeconds:0} s).")));
}
