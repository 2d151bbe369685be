using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Timelines;

/// <summary>
/// The current-status rule and the runs of each base's status. Statements are placed by their asOf, then
/// by when they were reported; undated ones cannot be placed and go first, so a dated statement always
/// outranks them. Statements of one date reported the same day follow a withdrawal's course (planned,
/// started, handing over, handed over), whatever order the report tells them in. The current status is
/// the last statement's; a run is a stretch of equal statuses.
/// </summary>
public static class BaseTimeline
{
    public static IReadOnlyList<BaseHistory<TSource>> Build<TSource>(IEnumerable<BaseStatement<TSource>> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return statements
            .Select((statement, order) => (Statement: statement, Order: order, Period: Period.Parse(statement.AsOf)))
            .GroupBy(s => s.Statement.Base, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group => History(group.Key, group
                .OrderBy(s => s.Period is not null)
                .ThenBy(s => s.Period)
                .ThenBy(s => s.Statement.KnownFrom)
                .ThenBy(s => StageOf(s.Statement.Status))
                .ThenBy(s => s.Order)
                .Select(s => (s.Statement, s.Period))
                .ToList()))
            .ToList();
    }

    /// <summary>How far along a withdrawal a status is; statuses outside one rank first.</summary>
    private static int StageOf(SiteStatus status) => status switch
    {
        SiteStatus.WithdrawalPlanned => 1,
        SiteStatus.WithdrawalStarted => 2,
        SiteStatus.HandoverInProgress or SiteStatus.ResidualPresence => 3,
        SiteStatus.HandedOver => 4,
        _ => 0,
    };

    private static BaseHistory<TSource> History<TSource>(string name, List<(BaseStatement<TSource> Statement, Period? Period)> ordered)
    {
        // An undated statement goes on the time axis when it was reported, but never after the first dated
        // one: it ranks before them, and a run must not start after the run that follows it.
        var firstDated = ordered.Select(s => s.Period).FirstOrDefault(p => p is not null)?.Start;
        var runs = new List<(Period? Start, DateOnly From, List<BaseStatement<TSource>> Statements)>();
        foreach (var (statement, period) in ordered)
        {
            if (runs.Count > 0 && runs[^1].Statements[0].Status == statement.Status)
            {
                runs[^1].Statements.Add(statement);
            }
            else
            {
                var from = period?.Start ?? (firstDated is { } dated && dated < statement.KnownFrom ? dated : statement.KnownFrom);
                runs.Add((period, from, [statement]));
            }
        }

        var result = runs.Select((run, i) => new StatusRun<TSource>(run.Statements[0].Status, run.Start, run.From,
            i + 1 < runs.Count ? runs[i + 1].From : null, run.Statements[0], run.Statements)).ToList();
        var current = result[^1];
        var latest = current.Statements[^1];
        var since = current.Statements.Select(s => s.AsOf).FirstOrDefault(a => a is not null);
        return new BaseHistory<TSource>(name, current.Status, latest.AsOf, since, result);
    }
}
