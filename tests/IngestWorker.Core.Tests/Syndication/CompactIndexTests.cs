using System.Globalization;
using System.Text;
using IngestWorker.Core.Syndication;

namespace IngestWorker.Core.Tests.Syndication;

/// <summary>The compact index (hashes from the chars, a flat table of holders) must call the same articles copies as the dictionary index did.</summary>
public sealed class CompactIndexTests
{
    // Words a tokenizer and a lower-caser can get wrong: accents, dotted capital I, Greek capitals with a
    // final sigma, a title-case digraph, Arabic-Indic digits, digits glued to letters.
    private static readonly string[] Unusual = ["Ärzte", "İSTANBUL", "ΣΟΦΙΑΣ", "ǅemal", "١٢٣", "2,500", "F-35s", "ÉTATS-UNIS", "naïve", "Straße"];

    [Fact]
    public void The_compact_index_finds_the_copies_the_dictionary_index_found()
    {
        // Given originals drawn from a skewed vocabulary (so some shingles are held by more than the common
        // limit), exact copies wrapped in text of their own, near-copies on both sides of the threshold,
        // shouting copies, short bodies, ids added twice and publication days that tie
        var random = new Random(2026);
        var (articles, sources) = Articles(random);
        var compact = new SyndicationIndex();
        var reference = new ReferenceSyndicationIndex();

        // When both index them in the same order
        foreach (var (id, body, published) in articles)
        {
            compact.Add(id, body, published);
            reference.Add(id, body, published);
        }

        // Then every article has the same original in both
        var ids = articles.Select(a => a.Id).Distinct().ToList();
        Assert.All(ids, id => Assert.Equal(reference.OriginalOf(id), compact.OriginalOf(id)));

        // and the set tested both sides: copies found, near-copies joined and near-copies left apart
        var copies = compact.Copies().ToDictionary(c => c.Copy, c => c.Original, StringComparer.Ordinal);
        Assert.Equal(ids.Count(id => compact.OriginalOf(id) != id), copies.Count);
        Assert.All(Enumerable.Range(0, 150), i => Assert.Equal(compact.OriginalOf(sources[i]), compact.OriginalOf($"copy{i}")));
        var nearJoined = Enumerable.Range(0, 200).Count(i => compact.OriginalOf($"near{i}") != $"near{i}");
        Assert.InRange(nearJoined, 20, 180);
    }

    [Fact]
    public void Shingles_hashed_from_the_chars_are_those_of_the_lower_cased_words()
    {
        // Given text made of every letter and digit of the basic plane, punctuation and surrogate pairs
        var letters = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsLetterOrDigit).ToArray();
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(letters[random.Next(letters.Length)]);
            var gap = random.Next(6);
            if (gap == 0)
            {
                text.Append(' ');
            }
            else if (gap == 1)
            {
                text.Append(random.Next(2) == 0 ? ", " : "\U0001D400");
            }
        }

        // When both ways sample it
        var fromChars = Shingles.Sampled(text.ToString());
        var fromWords = ReferenceSyndicationIndex.Sampled(text.ToString());

        // Then they hold the same shingles
        Assert.True(fromWords.Count > 1000);
        Assert.True(fromWords.SetEquals(fromChars));
    }

    [Fact]
    public void Every_basic_plane_letter_lowers_alone_as_it_does_in_a_word()
    {
        var differ = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c)
            .Where(c => char.IsLetterOrDigit(c) && char.ToLowerInvariant(c) != new string(c, 1).ToLowerInvariant()[0])
            .ToList();

        Assert.Empty(differ);
    }

    [Fact]
    public void Holders_of_shingles_that_share_a_slot_and_of_shingle_zero_are_kept_apart_through_growth()
    {
        // Given 100,000 shingles, zero among them, with the sampled hashes' shape (multiples of four), held by article 0
        var holders = new ShingleHolders();
        var shared = new SharedCounts();
        var shingles = Enumerable.Range(0, 100_000).Select(i => (ulong)i * 4).ToList();
        foreach (var shingle in shingles)
        {
            holders.Hold(shingle, 0, SyndicationIndex.CommonLimit, shared);
        }

        // When article 1 holds every other one and article 2 all of them
        Assert.Empty(shared.Articles);
        foreach (var shingle in shingles.Where((_, i) => i % 2 == 0))
        {
            holders.Hold(shingle, 1, SyndicationIndex.CommonLimit, shared);
        }

        shared.Clear();
        foreach (var shingle in shingles)
        {
            holders.Hold(shingle, 2, SyndicationIndex.CommonLimit, shared);
        }

        // Then each was found once per earlier holder, and no shingle was lost or doubled
        Assert.Equal(100_000, holders.Count);
        Assert.Equal([0, 1], shared.Articles.Order());
        Assert.Equal(100_000, shared[0]);
        Assert.Equal(50_000, shared[1]);
    }

    [Fact]
    public void A_shingle_held_by_more_than_the_common_limit_is_no_longer_counted()
    {
        var holders = new ShingleHolders();
        var shared = new SharedCounts();
        for (var article = 0; article <= SyndicationIndex.CommonLimit; article++)
        {
            holders.Hold(42, article, SyndicationIndex.CommonLimit, shared);
        }

        // The 65th holder was still counted against the 64 before it ...
        Assert.Equal(SyndicationIndex.CommonLimit, shared.Articles.Count);
        shared.Clear();

        // ... the 66th, past the limit, is not.
        holders.Hold(42, SyndicationIndex.CommonLimit + 1, SyndicationIndex.CommonLimit, shared);
        Assert.Empty(shared.Articles);
    }

    /// <returns>The articles in the order to add them, and the original each copy<c>i</c> wraps.</returns>
    private static (List<(string Id, string Body, DateOnly Published)> Articles, List<string> Sources) Articles(Random random)
    {
        var vocabulary = Enumerable.Range(0, 400).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)).Concat(Unusual).ToArray();

        // Squaring a uniform draw favours the first words: common phrases recur across hundreds of articles.
        string Word() => vocabulary[(int)(Math.Pow(random.NextDouble(), 2) * vocabulary.Length)];
        string Text(int words) => string.Join(random.Next(3) == 0 ? ". " : " ", Enumerable.Range(0, words).Select(_ => Word()));
        DateOnly Day() => new DateOnly(2025, 1, 1).AddDays(random.Next(20));

        var articles = new List<(string Id, string Body, DateOnly Published)>();
        var originals = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var body = Text(random.Next(150, 400));
            originals.Add(body);
            articles.Add(($"a{i}", body, Day()));
        }

        var sources = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var source = random.Next(originals.Count);
            sources.Add($"a{source}");
            articles.Add(($"copy{i}", Text(random.Next(0, 200)) + " " + originals[source] + " " + Text(random.Next(0, 200)), Day()));
        }

        for (var i = 0; i < 200; i++)
        {
            // A fraction of the words replaced: containment falls on either side of the threshold.
            var words = originals[random.Next(originals.Count)].Split(' ');
            var replaced = random.NextDouble() * 0.8;
            articles.Add(($"near{i}", string.Join(' ', words.Select(w => random.NextDouble() < replaced ? Word() : w)), Day()));
        }

        // One notice of a hundred words that hundreds of articles carry: past the common limit it stops
        // joining them, so where the limit falls decides which of them are copies.
        var notice = Text(100);
        for (var i = 0; i < 300; i++)
        {
            articles.Add(($"notice{i}", notice + " " + Text(random.Next(20, 200)), Day()));
        }

        for (var i = 0; i < 50; i++)
        {
            articles.Add(($"loud{i}", originals[random.Next(originals.Count)].ToUpperInvariant(), Day()));
            articles.Add(($"short{i}", Text(random.Next(0, 12)), Day()));
            articles.Add(($"a{random.Next(1500)}", Text(300), Day()));
        }

        return (articles, sources);
    }
}
