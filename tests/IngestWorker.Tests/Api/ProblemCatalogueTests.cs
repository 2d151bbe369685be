using System.Text.RegularExpressions;
using IngestWorker.Answers;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

public sealed partial class ProblemCatalogueTests
{
    [Fact]
    public void Every_problem_type_is_in_the_table_of_docs_api_md_with_its_status_and_the_table_names_no_other()
    {
        var table = Row().Matches(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "docs", "api.md")))
            .ToDictionary(row => row.Groups["slug"].Value, row => int.Parse(row.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
                StringComparer.Ordinal);

        Assert.Equal(ApiProblem.All.ToDictionary(p => p.Slug, p => p.Status, StringComparer.Ordinal), table);
        Assert.Equal(ApiProblem.All.Count, ApiProblem.All.Select(p => p.Type).Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"^\| `(?<slug>[a-z-]+)` \| (?<status>\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
