using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Inbox;

/// <summary>
/// Ready only while files can leave the inbox: a full archive disk fails <c>/health/ready</c> and says why,
/// naming each folder that fails (archive/ and rejected/ can be on different disks) and when it is tried again.
/// </summary>
internal sealed class InboxHealthCheck(InboxHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = health.Problems;
        if (problems.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("files move out of the inbox."));
        }

        var retryIn = health.RetryIn;
        var folders = string.Join("; ", problems.Select(problem => string.Create(CultureInfo.InvariantCulture,
            $"{problem.Sentence} (since {problem.Since:u}, {problem.FailedTries} failed {(problem.FailedTries == 1 ? "try" : "tries")})")));
        var next = retryIn > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"tried again in {Math.Ceiling(retryIn.TotalSeconds):0} s")
            : "tried again at the next scan";
        return Task.FromResult(HealthCheckResult.Unhealthy($"{folders}. The files wait in the inbox, {next}."));
    }
}
