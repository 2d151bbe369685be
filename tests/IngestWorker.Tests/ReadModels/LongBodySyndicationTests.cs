using System.Globalization;
using System.Text;
using IngestWorker.Copies;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>Bodies are streamed from the log into reused buffers: a long one must be read whole, its letters decoded as the log holds them.</summary>
public sealed class LongBodySyndicationTests
{
    [Fact]
    public async Task A_copy_of_the_end_of_a_long_article_in_many_scripts_is_found()
    {
        // Given an article of about 60,000 characters in several scripts (words of two- to four-byte UTF-8),
        // and a later one that carries only its last few paragraphs, wrapped in text of its own
        var random = new Random(5);
        string[] stems = ["Ärzte", "Straße", "Багдад", "войска", "بغداد", "القوات", "部隊", "撤退", "𐐀𐐁", "troops"];
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count)
            .Select(_ => stems[random.Next(stems.Length)] + random.Next(100_000).ToString(CultureInfo.InvariantCulture)));
        var paragraphs = Enumerable.Range(0, 60).Select(_ => Words(80)).ToList();
        var original = "---\ntitle: The long one\npublished: 2025-01-02\n---\n" + string.Join("\n\n", paragraphs) + "\n";
        var copy = "---\ntitle: The end of it\npublished: 2025-01-05\n---\n" + Words(100) + "\n\n"
            + string.Join("\n\n", paragraphs.TakeLast(4)) + "\n";
        Assert.True(Encoding.UTF8.GetByteCount(original) > 64 * 1024);

        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("synd-long"));
        await worker.DropAsync("long.md", Encoding.UTF8.GetBytes(original));
        await worker.DropAsync("end.md", Encoding.UTF8.GetBytes(copy));
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 2, "both articles are listed");

        // When the copies are asked for
        var copies = await worker.Services.GetRequiredService<CopyIndex>().CopiesAsync(CancellationToken.None);

        // Then the short one is a copy of the long one: the long one was read to its end
        var articles = await worker.ArticlesAsync();
        var pair = Assert.Single(copies);
        Assert.Equal(articles.Single(a => a.FileName == "end.md").StreamId, pair.Key);
        Assert.Equal(articles.Single(a => a.FileName == "long.md").StreamId, pair.Value);
    }
}
