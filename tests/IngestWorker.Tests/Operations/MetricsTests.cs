using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Operations;

/// <summary>
/// Meters are process-wide, so a worker's scrape would also count what another test's worker ingests at the
/// same time: these tests run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_count_the_seeds_a_duplicate_and_a_rejection_and_show_the_other_meters()
    {
        // Given a worker that has taken the five seeds, one of them again, and an empty file.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("metrics"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await worker.DropSeedsAsync();
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 5, "the seeds are ingested");
        var seed = Directory.GetFiles(Paths.Seeds).Order(StringComparer.Ordinal).First();
        await worker.DropAsync("again-" + Path.GetFileName(seed), await File.ReadAllBytesAsync(seed));
        await worker.DropAsync("empty.md", []);

        // When /metrics is scraped.
        var scrape = "";
        await Eventually.HoldsAsync(async () =>
        {
            scrape = await ScrapeAsync(http);
            return Value(scrape, "ingestworker_files_duplicates_total") == 1 && Value(scrape, "ingestworker_files_rejected_total", "code=\"Empty\"") == 1
                && Value(scrape, "ingestworker_projection_lag", "projection=\"articles\"") == 0;
        }, "the duplicate and the rejection are counted and the lag read");

        // Then it counts what the inbox took, and what waits.
        Assert.Equal(5, Value(scrape, "ingestworker_files_ingested_total"));
        Assert.Equal(0, Value(scrape, "ingestworker_inbox_backlog"));

        // And the meters of Marten, ASP.NET Core and the runtime are there too.
        Assert.Contains("marten_", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", scrape, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of a metric's sample (the one whose labels hold <paramref name="label"/>), or null when there is none.</summary>
    private static double? Value(string scrape, string metric, string label = "")
    {
        foreach (Match sample in Sample().Matches(scrape))
        {
            if (sample.Groups["name"].Value == metric && sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
