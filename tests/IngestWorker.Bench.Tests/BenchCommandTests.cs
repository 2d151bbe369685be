using IngestWorker.Bench;

namespace IngestWorker.Bench.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("dense", ClaimDensity.Dense)]
    [InlineData("Reporting", ClaimDensity.Reporting)]
    public void A_density_is_taken_by_its_name_in_any_case(string word, ClaimDensity expected)
    {
        // Given the bench's command line; when a density is named.
        var parse = BenchCommand.Create().Parse(["--density", word]);

        // Then it is taken, with no error.
        Assert.Empty(parse.Errors);
        Assert.Equal(expected, parse.GetValue<ClaimDensity>("--density"));
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("1")]
    public void Any_other_density_is_refused_with_the_words_it_takes(string word)
    {
        // Given the bench's command line; when a density is not one of its names (a number is not one either).
        var parse = BenchCommand.Create().Parse(["--density", word]);

        // Then one error says which words it takes, without the type's name.
        var error = Assert.Single(parse.Errors);
        Assert.Equal($"--density takes reporting or dense; not '{word}'.", error.Message);
    }
}
