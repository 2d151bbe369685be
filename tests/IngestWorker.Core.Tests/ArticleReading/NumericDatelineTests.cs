using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Tests.ArticleReading;

/// <summary>Datelines written with numbers only, read as the claims contract's Clarifications say (issue 17).</summary>
public sealed class NumericDatelineTests
{
    [Theory]
    [InlineData("Drone fire near the base\n09-11-2023\nBy a staff writer", "2023-11-09")]
    [InlineData("Posted 19.6.2017 by the desk", "2017-06-19")]
    [InlineData("25-07-2020", "2020-07-25")]
    [InlineData("Updated 6/19/2017", "2017-06-19")]
    [InlineData("Updated 19/6/2017", "2017-06-19")]
    public void A_numeric_date_is_read_day_first_unless_slashed_month_first(string opening, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DatelineFinder.FindInOpening(opening));

    [Theory]
    [InlineData("Updated 06/07/2020")]
    [InlineData("Call 12-34-5678 for details")]
    [InlineData("Version 1.2.2020.4 released")]
    public void A_numeric_date_whose_order_cannot_be_told_gives_none(string opening) =>
        Assert.Null(DatelineFinder.FindInOpening(opening));
}
