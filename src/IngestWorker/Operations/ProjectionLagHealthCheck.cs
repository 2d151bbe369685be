using System.Globalization;
using IngestWorker.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IngestWorker.Operations;

/// <summary>
/// Ready only while every projection keeps up: no more than <see cref="ReadinessOptions.MaxLagEvents"/>
/// events behind, and never behind for longer than <see cref="ReadinessOptions.MaxStall"/> without its
/// checkpoint moving. The lag is the log's, so it holds whichever worker of those sharing the database runs
/// the projection; a stuck one shows here even when no new event arrives to make its lag grow.
/// </summary>
internal sealed class ProjectionLagHealthCheck(StatusQueries status, ReadinessOptions options, TimeProvider clock) : IHealthCheck
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string? Checkpoint, DateTimeOffset Since)> _behind = new(StringComparer.Ordinal);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        StatusReport report;
        try
        {
            report = await status.GetAsync(null, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy($"the projections' progress could not be read: {e.Message}");
        }

        var problems = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var projection in report.Projections)
            {
                data[projection.Name] = projection.Lag;
                if (projection.Lag == 0)
                {
                    _behind.Remove(projection.Name);
                    continue;
                }

                if (!_behind.TryGetValue(projection.Name, out var seen) || seen.Checkpoint != projection.Checkpoint)
                {
                    _behind[projection.Name] = seen = (projection.Checkpoint, now);
                }

                if (projection.Lag > options.MaxLagEvents)
                {
                    problems.Add($"{projection.Name} is {projection.Lag} events behind (at most {options.MaxLagEvents}).");
                }
                else if (now - seen.Since > options.MaxStall)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{projection.Name} has had {projection.Lag} events waiting for {(now - seen.Since).TotalSeconds:0} s without moving (at most {options.MaxStall.TotalSeconds:0} s)."));
                }
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("every projection keeps up.", data)
            : HealthCheckResult.Unhealthy(string.Join(" ", problems), data: data);
    }
}
