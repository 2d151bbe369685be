using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Tests.ArticleReading;

/// <summary>The quick reading of simple front matter gives what YamlDotNet gives, and leaves it everything else.</summary>
public sealed class FlatFrontMatterTests
{
    [Theory]
    [InlineData("title: Troops leave the base\npublished: 2025-09-02\noutlet: Desert Wire")]
    [InlineData("Title: Upper case name\nurl: https://example.org/a/b?c=1&d=2")]
    [InlineData("title:    spaced out value   \ndate: 2 September 2025")]
    [InlineData("title: commas, brackets [1] and {braces} inside\nsource: a-b_c")]
    [InlineData("title: 50% of the force gone?")]
    [InlineData("title: ratio 3:2 holds\noutlet: x")]
    [InlineData("")]
    public void Simple_front_matter_is_read_as_YamlDotNet_reads_it(string yaml)
    {
        var quick = FlatFrontMatter.TryRead(yaml);
        var (full, problem) = ArticleReader.ReadYaml(yaml);

        Assert.NotNull(quick);
        Assert.Null(problem);
        Assert.Equal(full!.OrderBy(f => f.Key, StringComparer.Ordinal), quick.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("title: \"quoted: value\"")]
    [InlineData("title: 'single quoted'")]
    [InlineData("title: value # a comment")]
    [InlineData("title: a: b")]
    [InlineData("title: ends with a colon:")]
    [InlineData("title:")]
    [InlineData("title:no space")]
    [InlineData("title: one\ntitle: two")]
    [InlineData("title: one\nTITLE: two")]
    [InlineData("title: one\n\noutlet: two")]
    [InlineData("  title: indented")]
    [InlineData("# a comment\ntitle: x")]
    [InlineData("tags:\n  - a\n  - b")]
    [InlineData("title: - dash first")]
    [InlineData("title: *alias")]
    [InlineData("title: &anchor value")]
    [InlineData("title: !tag value")]
    [InlineData("title: | block")]
    [InlineData("title: > folded")]
    [InlineData("title: [a, b]")]
    [InlineData("title: {a: b}")]
    [InlineData("title: café")]
    [InlineData("title: tab\there")]
    [InlineData("title: form\ffeed")]
    [InlineData("ti tle: space in name")]
    [InlineData("1title: digit first")]
    public void Anything_else_is_left_to_YamlDotNet(string yaml) => Assert.Null(FlatFrontMatter.TryRead(yaml));

    [Fact]
    public void A_markdown_article_reads_the_same_with_simple_and_with_quoted_front_matter()
    {
        const string body = "Officials confirmed on Monday that about 2,500 troops remain in Iraq.\n";
        var simple = ArticleReader.Read("simple.md", "---\ntitle: Troops remain\npublished: 2025-09-02\noutlet: Desert Wire\n---\n\n"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(body)).ToArray());
        var quoted = ArticleReader.Read("quoted.md", "---\ntitle: \"Troops remain\"\npublished: '2025-09-02'\noutlet: \"Desert Wire\"\n---\n\n"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(body)).ToArray());

        var a = Assert.IsType<ArticleReadResult.Read>(simple).Article;
        var b = Assert.IsType<ArticleReadResult.Read>(quoted).Article;
        Assert.Equal(b, a);
        Assert.Equal("Troops remain", a.Title);
        Assert.Equal(new DateOnly(2025, 9, 2), a.Published);
        Assert.Equal(body.Trim(), a.Body);
    }

    [Fact]
    public void Regression_an_empty_front_matter_reads_as_none_instead_of_failing()
    {
        var read = ArticleReader.Read("empty-front-matter.md", "---\n---\nAbout 300 troops left the base.\n"u8);

        var article = Assert.IsType<ArticleReadResult.Read>(read).Article;
        Assert.Equal("About 300 troops left the base.", article.Body);
    }

    [Fact]
    public void Reading_a_markdown_article_with_simple_front_matter_copies_its_text_twice_and_little_more()
    {
        // Given a ~5 KB Markdown article with the front matter most files carry.
        var paragraph = "Officials said about 2,500 troops would stay at the air base through the winter, and more would leave after. ";
        var file = System.Text.Encoding.UTF8.GetBytes(
            "---\ntitle: Troops stay through winter\npublished: 2025-09-02\noutlet: Desert Wire\n---\n\n" + string.Concat(Enumerable.Repeat(paragraph, 45)) + "\n");
        for (var i = 0; i < 20; i++)
        {
            ArticleReader.Read("warm.md", file);
        }

        // When it is read.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = ArticleReader.Read("article.md", file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then it allocates the decoded text and the body (2 bytes a character each) and a little more, under 5 bytes a
        // character (~4.2 measured); it made ~6.4 when YamlDotNet read every front matter.
        var body = Assert.IsType<ArticleReadResult.Read>(read).Article.Body;
        Assert.True(allocated < 5 * body.Length, $"reading {file.Length:N0} bytes allocated {allocated:N0} bytes");
    }
}
