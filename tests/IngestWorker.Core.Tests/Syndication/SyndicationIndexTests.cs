using IngestWorker.Core.Syndication;

namespace IngestWorker.Core.Tests.Syndication;

public sealed class SyndicationIndexTests
{
    private static readonly DateOnly Day = new(2025, 9, 30);

    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Syndication", "Seeds"), prefix + "_*.txt").Single());

    private static SyndicationIndex Seeds()
    {
        var index = new SyndicationIndex();
        foreach (var seed in new[] { "000", "001", "002", "003", "004" })
        {
            index.Add(seed, Seed(seed), Day);
        }

        return index;
    }

    [Fact]
    public void Seeds_001_and_003_carry_one_wire_report()
    {
        var index = Seeds();

        Assert.Equal("001", index.OriginalOf("003"));
        Assert.Equal("001", index.OriginalOf("001"));
    }

    [Fact]
    public void Different_reports_of_one_event_stay_apart()
    {
        // 001 (Reuters) and 004 (Rudaw's own story) both report the Pentagon statement of 30 September;
        // 000 and 004 are the closest pair of different reports among the seeds.
        var index = Seeds();

        Assert.Equal("000", index.OriginalOf("000"));
        Assert.Equal("002", index.OriginalOf("002"));
        Assert.Equal("004", index.OriginalOf("004"));
    }

    [Fact]
    public void The_earliest_published_copy_is_the_original_whatever_the_order_of_arrival()
    {
        var index = new SyndicationIndex();
        index.Add("late", Seed("003"), new DateOnly(2025, 10, 2));
        index.Add("early", Seed("001"), new DateOnly(2025, 9, 30));

        Assert.Equal("early", index.OriginalOf("late"));
    }

    [Fact]
    public void Short_bodies_are_never_called_copies()
    {
        var index = new SyndicationIndex();
        index.Add("a", "US troops left Baghdad.", Day);
        index.Add("b", "US troops left Baghdad.", Day);

        Assert.Equal("b", index.OriginalOf("b"));
    }

    [Fact]
    public void Ten_thousand_distinct_articles_with_a_hundred_copies_find_exactly_the_copies()
    {
        var random = new Random(11);
        var vocabulary = Enumerable.Range(0, 5000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        string Body() => string.Join(' ', Enumerable.Range(0, 300).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
        var bodies = Enumerable.Range(0, 10_000).Select(_ => Body()).ToList();
        var index = new SyndicationIndex();
        for (var i = 0; i < bodies.Count; i++)
        {
            index.Add($"a{i}", bodies[i], Day);
        }

        for (var i = 0; i < 100; i++)
        {
            // A copy wraps the wire text in as much text of its own.
            index.Add($"copy{i}", Body() + " " + bodies[i * 7] + " " + Body(), Day.AddDays(1));
        }

        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal($"a{i * 7}", index.OriginalOf($"copy{i}")));
        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Select(i => index.OriginalOf($"a{i}")).Distinct().Count());
    }
}
