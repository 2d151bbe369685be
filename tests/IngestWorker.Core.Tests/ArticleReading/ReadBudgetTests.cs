using System.Text;
using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Tests.ArticleReading;

/// <summary>
/// A file's read budget is a token the reader looks at as it goes. Before, the budget only stopped waiting for
/// the reading, which went on in the background for as long as the page took.
/// </summary>
public sealed class ReadBudgetTests
{
    private static readonly byte[] UnclosedTags = Encoding.UTF8.GetBytes(
        "<html><body><p>About 2,500 US troops are in Iraq.</p>" + string.Concat(Enumerable.Repeat("<b><i>", 500_000)) + "x</body></html>");

    [Fact]
    public void Regression_a_spent_budget_stops_the_reading_of_a_page_of_half_a_million_unclosed_tags()
    {
        using var spent = new CancellationTokenSource();
        spent.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ArticleReader.Read("tags.html", UnclosedTags, spent.Token));
    }

    [Fact]
    public void Regression_the_html_pass_itself_looks_at_the_budget_between_tags()
    {
        // Straight into the tag loop, past the reader's own checks: the loop must stop too.
        using var spent = new CancellationTokenSource();
        spent.Cancel();
        var html = Encoding.UTF8.GetString(UnclosedTags);

        Assert.ThrowsAny<OperationCanceledException>(() => HtmlArticleReader.Read(html, spent.Token));
    }

    [Fact]
    public void The_same_page_is_read_whole_within_a_budget_that_is_not_spent()
    {
        using var budget = new CancellationTokenSource();

        var article = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("tags.html", UnclosedTags, budget.Token)).Article;

        Assert.StartsWith("About 2,500 US troops are in Iraq.", article.Body, StringComparison.Ordinal);
    }
}
