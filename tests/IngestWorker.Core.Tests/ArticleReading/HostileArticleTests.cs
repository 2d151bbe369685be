using System.Text;
using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Tests.ArticleReading;

/// <summary>Files built to break the reader: each is refused with a reason, or read with bounded fields, never a crash.</summary>
public sealed class HostileArticleTests
{
    [Theory]
    [InlineData("title: ", "[")]
    [InlineData("title: ", "{a: ")]
    [InlineData("tags:\n", "- ")]
    public void Regression_deeply_nested_front_matter_is_refused_with_a_reason_not_a_stack_overflow(string key, string opener)
    {
        // A front matter of 50,000 openers used to overflow the stack, on every restart, since the file stayed in the inbox.
        var text = "---\n" + key + string.Concat(Enumerable.Repeat(opener, 50_000)) + "\n---\nAbout 2,500 US troops are in Iraq.\n";

        var refused = Assert.IsType<ArticleReadResult.Refused>(ArticleReader.Read("deep.md", Encoding.UTF8.GetBytes(text)));

        Assert.Contains("nested", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_nested_a_little_is_still_read()
    {
        var text = "---\ntitle: Troops stay\ntags: [[a, [b]], {c: [d]}]\n---\nAbout 2,500 US troops are in Iraq.\n";
        var read = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("a.md", Encoding.UTF8.GetBytes(text)));
        Assert.Equal("Troops stay", read.Article.Title);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_with_a_reason()
    {
        var text = "{\"text\": \"About 2,500 US troops are in Iraq.\", \"x\": " + new string('[', 50_000) + new string(']', 50_000) + "}";
        var refused = Assert.IsType<ArticleReadResult.Refused>(ArticleReader.Read("deep.json", Encoding.UTF8.GetBytes(text)));
        Assert.Contains("depth", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_html_is_read_for_its_text()
    {
        // The HTML reader keeps no tree, so nesting costs it nothing: the text inside is still found.
        var text = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>About 2,500 US troops are in Iraq.</p></body></html>";
        var read = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("deep.html", Encoding.UTF8.GetBytes(text)));
        Assert.Contains("2,500 US troops", read.Article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_one_line_article_of_ten_megabytes_gets_a_title_of_a_few_hundred_characters_cut_at_a_word()
    {
        var line = new StringBuilder();
        while (line.Length < 10_000_000)
        {
            line.Append("About 2,500 US troops remain in Iraq while others move to Erbil ");
        }

        var read = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("line.txt", Encoding.UTF8.GetBytes(line.ToString())));

        var title = read.Article.Title!;
        Assert.InRange(title.Length, 100, ArticleTitle.MaxLength);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.StartsWith(title[..^1], line.ToString(), StringComparison.Ordinal);
        Assert.Equal(' ', line[title.Length - 1]);
    }

    [Theory]
    [InlineData("a.md", "---\ntitle: {0}\n---\nBody text.\n")]
    [InlineData("a.json", "{{\"title\": \"{0}\", \"text\": \"Body text.\"}}")]
    [InlineData("a.html", "<html><head><title>{0}</title></head><body><p>Body text.</p></body></html>")]
    public void A_title_the_file_gives_is_bounded_too(string name, string format)
    {
        var longTitle = string.Concat(Enumerable.Repeat("Troops leave the base ", 1_000));
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, longTitle);

        var read = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read(name, Encoding.UTF8.GetBytes(text)));

        var title = read.Article.Title!;
        Assert.InRange(title.Length, 100, ArticleTitle.MaxLength);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.StartsWith(title[..^1], longTitle, StringComparison.Ordinal);
        Assert.Equal(' ', longTitle[title.Length - 1]);
    }

    [Fact]
    public void A_title_without_a_space_is_cut_at_the_limit()
    {
        var title = ArticleTitle.Bound(new string('x', 5_000));
        Assert.Equal(ArticleTitle.MaxLength, title.Length);
        Assert.EndsWith("x…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_title_is_left_as_it_is() => Assert.Equal("Troops stay", ArticleTitle.Bound("Troops stay"));
}
