using System.Net.Http.Json;
using System.Text.Json;
using IngestWorker.Tests.ReadModels;
using IngestWorker.Tests.Support;
using Microsoft.Playwright;

namespace IngestWorker.Tests.Page;

/// <summary>The page at GET /, in a headless Chromium (<see cref="Chromium"/>), against a worker that ingested the seeds.</summary>
public sealed class TimelinePageTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    [Fact]
    public async Task The_page_draws_the_series_and_points_the_api_has_and_the_known_at_control_changes_them()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var errors = new List<string>();
        var page = await Chromium.NewPageAsync(browser, errors);

        // Given the page, loaded with everything known
        await page.GotoAsync(seeded.Worker.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-loaded='all']");
        var everything = await SeriesAsync(http, null);

        // Then it draws one chart per place, and each series with as many points as the API gives
        await AssertDrawnAsync(page, everything);
        Directory.CreateDirectory(ArtifactFolder);
        await page.ClickAsync("svg.troop-chart[data-location='Iraq'] g.series[data-series='US Iraq level'] circle.point");
        await page.WaitForSelectorAsync("#sources-body[data-shown]");
        Assert.Contains("report", await page.InnerTextAsync("#sources-body"), StringComparison.Ordinal);
        await page.ClickAsync(".chart[data-location='Iraq'] .legend button[data-series='US Iraq level']");
        Assert.Equal(1, await page.Locator("g.series.selected").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder, "page.png"), FullPage = true });

        // When the known-at control goes back to 30 September 2025
        await page.EvalOnSelectorAsync("#known-at", "input => { input.value = '2025-09-30'; input.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("body[data-loaded='2025-09-30']");
        var then = await SeriesAsync(http, "2025-09-30");

        // Then the charts hold what was known that day: fewer points, as the API says
        await AssertDrawnAsync(page, then);
        Assert.True(Points(then) < Points(everything), "Articles of October 2025 add points the page must drop when known at 30 September.");
        Assert.Equal(Points(then), await page.Locator("circle.point").CountAsync());
        Assert.True(await page.Locator("svg.base-chart rect.run").CountAsync() > 0);
        Assert.Empty(errors);
    }

    private static string ArtifactFolder => Path.Combine(Paths.RepositoryRoot, "TestResults");

    private static int Points(IReadOnlyList<(string Name, string Location, int Points)> series) => series.Sum(s => s.Points);

    private static async Task AssertDrawnAsync(IPage page, IReadOnlyList<(string Name, string Location, int Points)> series)
    {
        Assert.Equal(series.Select(s => s.Location).Distinct().Order(StringComparer.Ordinal),
            (await page.Locator("svg.troop-chart").EvaluateAllAsync<string[]>("charts => charts.map(c => c.dataset.location)")).Order(StringComparer.Ordinal));
        foreach (var (name, location, points) in series)
        {
            var drawn = page.Locator($"svg.troop-chart[data-location='{location}'] g.series[data-series='{name}'] circle.point");
            Assert.Equal(points, await drawn.CountAsync());
        }

        Assert.Equal(series.Count, await page.Locator("svg.troop-chart g.series").CountAsync());
    }

    private static async Task<IReadOnlyList<(string Name, string Location, int Points)>> SeriesAsync(HttpClient http, string? knownAt)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/history?limit=1000" + (knownAt is null ? "" : "&knownAt=" + knownAt));
        return answer.GetProperty("items").EnumerateArray()
            .Select(s => ($"{s.GetProperty("force").GetString()} {s.GetProperty("location").GetString()} {s.GetProperty("kind").GetString()}",
                s.GetProperty("location").GetString()!, s.GetProperty("points").GetArrayLength()))
            .ToList();
    }
}
