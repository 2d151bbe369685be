using System.Text.Json;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class ContractWordsTests
{
    [Fact]
    public void Bounds_are_spelt_as_the_claims_contract_lists_them_in_declared_order()
    {
        Assert.Equal(["exact", "approximately", "at-least", "at-most"], ContractWords<Bound>.All);
    }

    [Fact]
    public void Site_statuses_are_spelt_as_the_claims_contract_lists_them_in_declared_order()
    {
        Assert.Equal(
            ["active", "withdrawal-planned", "withdrawal-started", "handover-in-progress", "handed-over", "receiving-forces", "residual-presence"],
            ContractWords<SiteStatus>.All);
    }

    [Fact]
    public void Every_bound_goes_to_its_word_and_back_the_same_way_JSON_writes_it()
    {
        AssertRoundTrips<Bound>();
        Assert.Equal("at-least", Bound.AtLeast.Word());
    }

    [Fact]
    public void Every_site_status_goes_to_its_word_and_back_the_same_way_JSON_writes_it()
    {
        AssertRoundTrips<SiteStatus>();
        Assert.Equal("handover-in-progress", SiteStatus.HandoverInProgress.Word());
    }

    [Fact]
    public void Every_troop_kind_goes_to_its_word_and_back_the_same_way_JSON_writes_it()
    {
        AssertRoundTrips<TroopKind>();
    }

    [Theory]
    [InlineData("handed over")]
    [InlineData("Handed-Over")]
    [InlineData("HandedOver")]
    [InlineData("")]
    public void A_word_the_contract_does_not_spell_exactly_so_is_no_site_status(string word)
    {
        Assert.False(ContractWords<SiteStatus>.TryParse(word, out _));
        var error = Assert.Throws<FormatException>(() => ContractWords<SiteStatus>.Parse(word));
        Assert.Contains($"'{word}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ContractWords<SiteStatus>.Listed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bound_word_is_not_taken_for_a_status_nor_a_member_name_for_a_bound()
    {
        Assert.False(ContractWords<SiteStatus>.TryParse("at-most", out _));
        Assert.False(ContractWords<Bound>.TryParse("AtMost", out _));
        Assert.False(ContractWords<Bound>.TryParse(null, out _));
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>())
        {
            var word = ContractWords<TEnum>.Of(member);
            Assert.Equal(member, ContractWords<TEnum>.Parse(word));
            Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(member));
            Assert.Equal(member, JsonSerializer.Deserialize<TEnum>($"\"{word}\""));
        }

        Assert.Equal(Enum.GetValues<TEnum>().Length, ContractWords<TEnum>.All.Distinct(StringComparer.Ordinal).Count());
    }
}
