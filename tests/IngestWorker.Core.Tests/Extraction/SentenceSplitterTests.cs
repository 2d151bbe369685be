using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Regression_dotted_initials_at_the_end_of_a_sentence_no_longer_join_it_to_the_next()
    {
        // Given a sentence that ends on "U.S." and one that opens with "The"
        const string text = "Three navies keep ships at the port, among them the U.S. The U.S. has about 900 sailors there.";

        // When it is split
        var sentences = Texts(text);

        // Then the second sentence is read on its own, so its figure is not quoted with the first sentence's places
        Assert.Equal(["Three navies keep ships at the port, among them the U.S.", "The U.S. has about 900 sailors there."], sentences);
    }

    [Theory]
    [InlineData("About 600 U.S. Army soldiers stay at the airfield.")]
    [InlineData("Lt. Gen. Ward said the U.K. Royal Navy would stay.")]
    [InlineData("Brig. Gen. Ramos commands the unit at the St. Clair depot.")]
    public void A_full_stop_inside_a_name_or_title_does_not_end_the_sentence(string text) => Assert.Single(Texts(text));

    [Theory]
    [InlineData("Forces arrived in early Oct. The base closed later.")]
    [InlineData("The talks included the U.N. But no deal was reached.")]
    public void An_abbreviation_before_a_word_that_opens_sentences_ends_the_sentence(string text) => Assert.Equal(2, Texts(text).Count);

    private static List<string> Texts(string text) =>
        SentenceSplitter.Split(text).Select(s => text[s[0].Start..s[^1].End]).ToList();
}
