using IngestWorker.Core.Extraction;
using IngestWorker.Core.Timelines;

namespace IngestWorker.Core.Tests.Timelines;

public sealed class BaseTimelineTests
{
    private static BaseStatement<string> Said(SiteStatus status, string? asOf, string published, string source) =>
        new("Ain al-Asad Air Base", status, asOf, DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), source);

    [Fact]
    public void Runs_of_one_status_start_at_the_statement_that_opened_them_and_end_where_the_next_begins()
    {
        var history = Assert.Single(BaseTimeline.Build([
            Said(SiteStatus.HandoverInProgress, "2025-09-30", "2025-10-01", "c"),
            Said(SiteStatus.Active, "2017", "2025-09-30", "a"),
            Said(SiteStatus.WithdrawalStarted, "2025-09", "2025-09-30", "b"),
            Said(SiteStatus.HandoverInProgress, "2025-10", "2025-10-02", "d"),
        ]));

        Assert.Equal([SiteStatus.Active, SiteStatus.WithdrawalStarted, SiteStatus.HandoverInProgress], history.Runs.Select(r => r.Status));
        Assert.Equal("a", history.Runs[0].Opening.Source);
        Assert.Equal(new DateOnly(2025, 9, 1), history.Runs[0].End);
        Assert.Equal(new DateOnly(2025, 9, 30), history.Runs[1].End);
        Assert.Null(history.Runs[2].End);
        Assert.Equal(2, history.Runs[2].Statements.Count);
        Assert.Equal(SiteStatus.HandoverInProgress, history.Status);
        Assert.Equal("2025-10", history.AsOf);
        Assert.Equal("2025-09-30", history.Since);
    }

    [Fact]
    public void An_undated_statement_never_outranks_a_dated_one()
    {
        var history = Assert.Single(BaseTimeline.Build([
            Said(SiteStatus.HandoverInProgress, "2025-09-30", "2025-09-30", "dated"),
            Said(SiteStatus.WithdrawalStarted, null, "2025-10-05", "undated"),
        ]));
        var alone = Assert.Single(BaseTimeline.Build([Said(SiteStatus.Active, null, "2025-10-05", "undated")]));

        Assert.Equal(SiteStatus.HandoverInProgress, history.Status);
        Assert.Null(history.Runs[0].Start);
        Assert.Equal(new DateOnly(2025, 10, 5), alone.Runs[0].From);
        Assert.Equal(new DateOnly(2025, 9, 30), history.Runs[0].From);
    }

    [Fact]
    public void Steps_of_one_date_told_by_one_report_follow_the_withdrawals_course()
    {
        var history = Assert.Single(BaseTimeline.Build([
            Said(SiteStatus.HandedOver, "2020-08-23", "2020-08-23", "handed"),
            Said(SiteStatus.WithdrawalStarted, "2020-08-23", "2020-08-23", "leaving"),
        ]));

        Assert.Equal([SiteStatus.WithdrawalStarted, SiteStatus.HandedOver], history.Runs.Select(r => r.Status));
        Assert.Equal(SiteStatus.HandedOver, history.Status);
    }
}
