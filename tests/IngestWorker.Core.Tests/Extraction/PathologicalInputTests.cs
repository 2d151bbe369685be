using System.Diagnostics;
using System.Text;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>
/// Hostile or broken input must finish, linearly and without an exception. The time bound is only a
/// sanity check that nothing went quadratic; speed itself is measured by the benchmark.
/// </summary>
public sealed class PathologicalInputTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_ten_megabyte_article_is_read_to_the_end()
    {
        var paragraph = "Published Oct. 1, 2025. The US had approximately 2,500 troops in Iraq at the start of 2025 and more than 900 in neighboring Syria. "
            + "U.S. forces began withdrawing from Ain al-Asad Air Base and Baghdad, while others moved to Erbil. ";
        var text = new StringBuilder();
        while (text.Length < 10_000_000)
        {
            text.Append(paragraph).Append('\n');
        }

        var claims = Timed(() => ClaimExtractor.Extract(Read("big.txt", text.ToString()), ExtractionRules.Default));

        Assert.Contains(claims.TroopCounts, c => c.Count == 2500 && c.Location == "Iraq");
        Assert.Contains(claims.BaseStatuses, s => s.Base == "Ain al-Asad Air Base");
    }

    [Fact]
    public void A_long_line_with_no_sentence_end_is_read_in_time_that_grows_linearly_with_it()
    {
        // A claim every few words in one sentence is the densest input there is. Judged by a ratio of two sizes
        // read back to back, not by a wall-clock bound, so that a loaded machine does not fail it: four times the
        // text may take about four times as long, and anything that went quadratic takes sixteen.
        static TimeSpan FastestReadOf(int repeats)
        {
            var text = "US troops in Iraq " + string.Concat(Enumerable.Repeat("and about 2,500 troops remain in Baghdad near Erbil with Camp Taji ", repeats));
            var article = Read("line.txt", text);
            var fastest = TimeSpan.MaxValue;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var clock = Stopwatch.StartNew();
                var claims = ClaimExtractor.Extract(article, ExtractionRules.Default);
                fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
                Assert.NotEmpty(claims.TroopCounts);
            }

            return fastest;
        }

        var small = FastestReadOf(3_000);
        var large = FastestReadOf(12_000);

        Assert.True(large < small * 8, $"{small.TotalMilliseconds:N0} ms for 0.2 MB but {large.TotalMilliseconds:N0} ms for 0.8 MB: some step is no longer linear");
    }

    [Fact]
    public void Regression_quotes_cut_from_a_sentence_of_megabytes_are_bounded_and_hold_their_figure()
    {
        // One line of 4 MB with no sentence end: each claim's quote used to be its whole sentence of 400 words.
        var filler = string.Concat(Enumerable.Repeat("while talks went on in the capital ", 60_000));
        var text = "Officials spoke " + filler + "and about 2,500 US troops remain in Iraq " + filler + "and Ain al-Asad Air Base was handed over " + filler;

        var claims = Timed(() => ClaimExtractor.Extract(Read("line.txt", text), ExtractionRules.Default));

        var count = Assert.Single(claims.TroopCounts, c => c.Count == 2500);
        Assert.InRange(count.Quote.Length, 100, Sentence.MaxQuoteLength);
        Assert.Contains("about 2,500 US troops remain in Iraq", count.Quote, StringComparison.Ordinal);
        Assert.Contains("…", count.Quote, StringComparison.Ordinal);
        var status = Assert.Single(claims.BaseStatuses, s => s.Base == "Ain al-Asad Air Base");
        Assert.InRange(status.Quote.Length, 100, Sentence.MaxQuoteLength);
        Assert.Contains("Ain al-Asad Air Base was handed over", status.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bound_word_repeated_without_end_is_read()
    {
        var text = "US troops " + string.Concat(Enumerable.Repeat("about ", 500_000)) + "2,500 troops in Iraq.";
        var claims = Timed(() => ClaimExtractor.Extract(Read("about.txt", text), ExtractionRules.Default));
        Assert.Contains(claims.TroopCounts, c => c.Count == 2500 && c.Bound == Bound.Approximately);
    }

    [Fact]
    public void Deeply_nested_phrases_and_numbers_do_not_explode()
    {
        var text = string.Concat(Enumerable.Repeat("between 1 and 2 and 3 to 4 - 5 from 6 to 7 more than fewer than up to ", 50_000));
        Timed(() => ClaimExtractor.Extract(Read("numbers.txt", text), ExtractionRules.Default));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_bytes_are_refused_or_read_without_an_exception(int seed)
    {
        var random = new Random(seed);
        foreach (var size in new[] { 1, 17, 4096, 1_000_000 })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            foreach (var name in new[] { "r.txt", "r.md", "r.html", "r.json" })
            {
                Timed(() => ArticleReader.Read(name, bytes) is ArticleReadResult.Read read
                    ? ClaimExtractor.Extract(read.Article, ExtractionRules.Default)
                    : null);
            }
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_text_made_of_the_rules_own_words_is_read(int seed)
    {
        var random = new Random(seed);
        string[] words =
        [
            "about", "more", "than", "2,500", "troops", "in", "Iraq", "there", "the", "base", "Camp", "Air", "Base", "K1", "from", "to",
            "between", "and", "withdrawal", "began", "handover", "of", "Ain", "al", "-", "Asad", ",", ".", "now", "2025", "September",
            "30", "on", "Friday", "a", "decade", "ago", "leaving", "fewer", "two", "thousand", "hundred", "U.S.", "coalition", "\n",
        ];
        var text = new StringBuilder();
        while (text.Length < 2_000_000)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }

        Timed(() => ClaimExtractor.Extract(Read("random.txt", text.ToString()), ExtractionRules.Default));
    }

    private static T Timed<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        Assert.True(clock.Elapsed < Generous, $"took {clock.Elapsed}, which means some step is no longer linear");
        return result;
    }

    private static Article Read(string name, string text) =>
        Assert.IsType<ArticleReadResult.Read>(ArticleReader.Read(name, Encoding.UTF8.GetBytes(text))).Article;
}
