using System.Text;
using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Tests.ArticleReading;

public sealed class ArticleReaderTests
{
    [Fact]
    public void Plain_text_takes_its_title_from_the_first_line_and_its_date_from_a_dateline()
    {
        var article = Read("a.txt", "\n\nPentagon trims Iraq mission\n\nOct. 01, 2025 • 2 min read\n\nThe US will reduce its presence.\r\n");

        Assert.Equal("Pentagon trims Iraq mission", article.Title);
        Assert.Equal(new DateOnly(2025, 10, 1), article.Published);
        Assert.Null(article.Outlet);
        Assert.DoesNotContain('\r', article.Body);
    }

    [Fact]
    public void Markdown_front_matter_gives_title_published_outlet_and_url()
    {
        var article = Read("a.md", "---\ntitle: Troops stay\npublished: 2024-01-29\noutlet: Desert Wire\nurl: https://example.org/x\n---\nBody text.\n");

        Assert.Equal(("Troops stay", new DateOnly(2024, 1, 29), "Desert Wire", "https://example.org/x"), (article.Title, article.Published, article.Outlet, article.Url));
        Assert.Equal("Body text.", article.Body);
    }

    [Fact]
    public void Front_matter_date_and_source_stand_in_for_published_and_outlet()
    {
        var article = Read("a.md", "---\ndate: \"March 4, 2013\"\nsource: Gulf Gazette\n---\nBody text.\n");
        Assert.Equal((new DateOnly(2013, 3, 4), "Gulf Gazette"), (article.Published, article.Outlet));
    }

    [Fact]
    public void Html_takes_the_date_from_a_time_element_and_drops_scripts_and_navigation()
    {
        var article = Read("a.html", "<html><body><nav>Menu 3,000 troops</nav><article><h1>Headline</h1><time datetime=\"2016-09-29\">Sept 29</time>"
            + "<p>First paragraph.</p><script>var x = 1;</script><p>Second paragraph.</p></article></body></html>");

        Assert.Equal("Headline", article.Title);
        Assert.Equal(new DateOnly(2016, 9, 29), article.Published);
        Assert.Contains("First paragraph.\nSecond paragraph.", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Menu", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("var x", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_takes_the_date_from_the_published_time_meta_and_the_outlet_from_the_site_name()
    {
        var article = Read("a.htm", "<html><head><meta property=\"article:published_time\" content=\"2019-02-22T09:30:00Z\">"
            + "<meta property=\"og:site_name\" content=\"Levant Ledger\"></head><body><p>Text.</p></body></html>");
        Assert.Equal((new DateOnly(2019, 2, 22), "Levant Ledger"), (article.Published, article.Outlet));
    }

    [Fact]
    public void Json_takes_text_and_optional_fields()
    {
        var article = Read("a.json", "{\"text\": \"Body\\nmore\", \"title\": \"T\", \"published\": \"2026-01-20T08:00:00+03:00\", \"outlet\": \"Anbar Post\"}");
        Assert.Equal(("T", new DateOnly(2026, 1, 20), "Anbar Post", "Body\nmore"), (article.Title, article.Published, article.Outlet, article.Body));
    }

    [Fact]
    public void The_same_text_dropped_twice_has_the_same_hash()
    {
        var first = Read("a.txt", "Same text.\n");
        var second = Read("b.txt", "Same text.\r\n\r\n");
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Matches("^sha256:[0-9a-f]{64}$", first.ContentHash);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "empty")]
    [InlineData("nul.txt", new byte[] { 0x41, 0x00, 0x42 }, "NUL")]
    [InlineData("latin1.txt", new byte[] { 0x41, 0xE9, 0x42 }, "UTF-8")]
    [InlineData("picture.png", new byte[] { 0x41 }, "'.png'")]
    [InlineData("noending", new byte[] { 0x41 }, "no file ending")]
    [InlineData("blank.txt", new byte[] { 0x20, 0x0A, 0x20 }, "no text")]
    public void Unusable_files_are_refused_with_a_reason(string name, byte[] bytes, string reasonMentions)
    {
        var refused = Assert.IsType<ArticleReadResult.Refused>(ArticleReader.Read(name, bytes));
        Assert.Contains(reasonMentions, refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"title\": \"no text\"}", "\"text\"")]
    [InlineData("[1, 2]", "object")]
    [InlineData("{not json", "not valid")]
    public void Json_without_a_text_string_is_refused(string json, string reasonMentions)
    {
        var refused = Assert.IsType<ArticleReadResult.Refused>(ArticleReader.Read("a.json", Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reasonMentions, refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_first_line_does_not_time_out_the_dateline_search()
    {
        var line = string.Concat(Enumerable.Repeat("12 Sept 3 Oct. 2 ", 400_000));
        var result = ArticleReader.Read("long.txt", Encoding.UTF8.GetBytes(line + "\nBody."));
        Assert.IsType<ArticleReadResult.Read>(result);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    [InlineData("utf-32BE")]
    public void Regression_text_in_utf16_or_utf32_with_a_byte_order_mark_is_read_not_refused_as_binary(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("Troops leave Baghdad\n\nAbout 2,500 US troops are in Iraq, officials said.\n")).ToArray();

        var article = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("wide.txt", bytes)).Article;

        Assert.Equal("Troops leave Baghdad", article.Title);
        Assert.Contains("About 2,500 US troops", article.Body, StringComparison.Ordinal);
        Assert.Equal(Read("narrow.txt", "Troops leave Baghdad\n\nAbout 2,500 US troops are in Iraq, officials said.\n").ContentHash, article.ContentHash);
    }

    [Fact]
    public void Regression_markdown_whose_front_matter_never_closes_is_refused_not_read_with_the_yaml_in_its_body()
    {
        var refused = Assert.IsType<ArticleReadResult.Refused>(
            ArticleReader.Read("open.md", Encoding.UTF8.GetBytes("---\ntitle: Troops stay\npublished: 2024-01-29\n\nAbout 2,500 US troops are in Iraq.\n")));
        Assert.Contains("never closed", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_half_a_million_unclosed_formatting_tags_are_read_in_one_pass()
    {
        // 500,000 unclosed <b><i> pairs (3 MB): a DOM parser spent quadratic time (over 15 minutes) on them.
        var html = "<html><body><p>About 2,500 US troops are in Iraq.</p>" + string.Concat(Enumerable.Repeat("<b><i>", 500_000)) + "x</body></html>";

        var article = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("tags.html", Encoding.UTF8.GetBytes(html))).Article;

        Assert.StartsWith("About 2,500 US troops are in Iraq.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_hundred_thousand_nested_divs_are_read_in_one_pass()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "About 900 US troops are in Syria." + string.Concat(Enumerable.Repeat("</div>", 100_000));

        var article = Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read("nested.html", Encoding.UTF8.GetBytes(html))).Article;

        Assert.Equal("About 900 US troops are in Syria.", article.Body);
    }

    [Fact]
    public void Html_entities_comments_and_raw_text_are_read_as_a_browser_shows_them()
    {
        var article = Read("e.html", "<html><head><title>Iraq &amp; Syria</title><style>p { x: '<p>' }</style></head><body>"
            + "<!-- <p>hidden 9,000 troops</p> --><p>US troops&nbsp;left &ldquo;Victory&rdquo; base.</p><script>if (a < b) { document.write('<p>1,000 troops</p>'); }</script></body></html>");

        Assert.Equal("Iraq & Syria", article.Title);
        Assert.Equal("US troops\u00a0left \u201cVictory\u201d base.".Replace('\u00a0', ' '), article.Body.Replace('\u00a0', ' '));
    }

    private static Article Read(string name, string text) =>
        Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read(name, Encoding.UTF8.GetBytes(text))).Article;
}
