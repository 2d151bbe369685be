using System.Globalization;
using System.Text.Json;
using IngestWorker.Tests.ReadModels;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

public sealed class ArticlesKnownAtTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    [Fact]
    public async Task Regression_the_articles_route_honours_knownAt_and_lists_only_the_articles_received_by_that_day()
    {
        // Given the five seeds, received today.
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };
        var tomorrow = DateOnly.FromDateTime(DateTime.Now).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // When the list is asked for as it was on a day before they came, and as it is by tomorrow.
        var before = await TotalAsync(http, "/api/articles?knownAt=2020-01-01");
        var byTomorrow = await TotalAsync(http, $"/api/articles?knownAt={tomorrow}");

        // Then the first is empty and the second holds them all.
        Assert.Equal(0, before);
        Assert.Equal(5, byTomorrow);
    }

    private static async Task<int> TotalAsync(HttpClient http, string route)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync(route));
        Assert.Equal(page.RootElement.GetProperty("total").GetInt32(), page.RootElement.GetProperty("items").GetArrayLength());
        return page.RootElement.GetProperty("total").GetInt32();
    }
}
