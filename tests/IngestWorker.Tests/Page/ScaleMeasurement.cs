using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IngestWorker.Troops;
using IngestWorker.Claims;
using IngestWorker.Core.Paging;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IngestWorker.Tests.Page;

/// <summary>Runs only when INGEST_MEASURE is set (a number of articles, e.g. 10000): a measurement, not a test of speed.</summary>
public sealed class MeasureFactAttribute : FactAttribute
{
    public MeasureFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INGEST_MEASURE")))
        {
            Skip = "A measured run: set INGEST_MEASURE to a number of generated articles (README, Performance).";
        }
    }
}

/// <summary>
/// The page and every query on generated articles: drops them through the inbox, waits for the read
/// models, then times each answer (the first, which builds the syndication index, and the next) and
/// writes the figures to TestResults/scale.txt. Asserts only what must hold at any size: pages are bounded.
/// </summary>
public sealed class ScaleMeasurement
{
    private static readonly string[] Places = ["Iraq", "Syria", "Kuwait", "Jordan"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Bases = ["Ain al-Asad Air Base", "Harir Air Base", "Erbil Air Base", "Al-Tanf Garrison", "Union III"];

    [MeasureFact]
    public async Task Queries_and_the_page_at_scale()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("INGEST_MEASURE")!, CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("scale"));
        var random = new Random(10_000);
        var bodies = new List<string>();
        var ingest = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var body = i % 20 == 19 ? Copy(random, bodies[random.Next(bodies.Count)]) : Article(random, i);
            bodies.Add(body);
            await worker.DropAsync($"gen-{i:D5}.md", Encoding.UTF8.GetBytes(body));
        }

        await Eventually.HoldsAsync(async () =>
        {
            var status = await worker.Services.GetRequiredService<Status.StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Articles == count && status.Projections.All(p => p.Lag == 0);
        }, $"the {count} articles are projected", TimeSpan.FromMinutes(60));
        report.AppendLine(CultureInfo.InvariantCulture, $"{count} articles ingested and projected in {ingest.Elapsed.TotalSeconds:F0} s");

        using var http = new HttpClient { BaseAddress = worker.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        string[] routes =
        [
            "/api/history", "/api/history?limit=1000", "/api/history?format=csv", "/api/history?location=Iraq&knownAt=2024-06-30",
            "/api/troops", "/api/troops?limit=1000", "/api/troops?format=csv", "/api/troops?from=2020&to=2022",
            "/api/bases", "/api/bases?format=csv", "/api/articles", "/api/articles?limit=1000&format=csv", "/",
        ];
        foreach (var route in routes)
        {
            foreach (var run in new[] { "first", "again" })
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(route);
                var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                report.AppendLine(CultureInfo.InvariantCulture, $"GET {route} ({run}): {watch.ElapsedMilliseconds} ms, {bytes / 1024.0:F0} KiB, {(int)response.StatusCode}");
                Assert.True(response.IsSuccessStatusCode, route);
            }
        }

        var page = await http.GetFromJsonAsync<JsonElement>("/api/troops");
        Assert.Equal(PageRequest.DefaultLimit, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > PageRequest.DefaultLimit);

        var claims = worker.Services.GetRequiredService<TroopQueries>();
        var history = Stopwatch.StartNew();
        var series = await claims.HistoryPageAsync(ClaimFilter.None, PageRequest.First, CancellationToken.None);
        report.AppendLine(CultureInfo.InvariantCulture, $"TroopQueries.HistoryPageAsync (what `query history` asks): {history.ElapsedMilliseconds} ms, {series.Total} series, {series.Items.Sum(s => s.Points.Count)} points");

        if (Chromium.Find() is not null)
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var tab = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            foreach (var run in new[] { "first", "again" })
            {
                var watch = Stopwatch.StartNew();
                await tab.GotoAsync(worker.BaseAddress.ToString());
                await tab.WaitForSelectorAsync("body[data-loaded='all']", new PageWaitForSelectorOptions { Timeout = 120_000 });
                report.AppendLine(CultureInfo.InvariantCulture, $"page loaded and drawn in Chromium ({run}): {watch.ElapsedMilliseconds} ms, {await tab.Locator("circle.point").CountAsync()} points");
            }

            var known = Stopwatch.StartNew();
            await tab.EvalOnSelectorAsync("#known-at", "input => { input.value = '2024-06-30'; input.dispatchEvent(new Event('change')); }");
            await tab.WaitForSelectorAsync("body[data-loaded='2024-06-30']", new PageWaitForSelectorOptions { Timeout = 120_000 });
            report.AppendLine(CultureInfo.InvariantCulture, $"page redrawn as known at 2024-06-30: {known.ElapsedMilliseconds} ms");
            Directory.CreateDirectory(Path.Combine(Paths.RepositoryRoot, "TestResults"));
            await tab.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Paths.RepositoryRoot, "TestResults", "page-scale.png"), FullPage = true });
        }

        Directory.CreateDirectory(Path.Combine(Paths.RepositoryRoot, "TestResults"));
        await File.WriteAllTextAsync(Path.Combine(Paths.RepositoryRoot, "TestResults", "scale.txt"), report.ToString());
    }

    /// <summary>An article of a few sentences the extractor reads, in filler text no other article shares.</summary>
    private static string Article(Random random, int i)
    {
        var year = random.Next(2011, 2027);
        var month = random.Next(12);
        var place = Places[random.Next(Places.Length)];
        var level = random.Next(5, 60) * 100;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"---\ntitle: Generated report {i}\npublished: {year}-{month + 1:D2}-{random.Next(1, 28):D2}\noutlet: Outlet {i % 37}\n---\n");
        text.Append(CultureInfo.InvariantCulture, $"The US had approximately {level:N0} troops in {place} in {Months[month]} {year}, officials said. ");
        text.Append(Filler(random, 80));
        if (random.Next(3) == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" The United States will withdraw about {random.Next(2, 20) * 50:N0} troops from {place}. ");
        }

        if (random.Next(4) == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" US forces are stationed at {Bases[random.Next(Bases.Length)]}. ");
        }

        text.Append(Filler(random, 120));
        return text.ToString();
    }

    /// <summary>Another outlet's publication of one wire text: its own front matter and paragraphs around the text.</summary>
    private static string Copy(Random random, string original)
    {
        var body = original[(original.IndexOf("---\n", 4, StringComparison.Ordinal) + 4)..];
        return $"---\ntitle: Copied report\noutlet: Outlet {random.Next(100, 200)}\n---\n{Filler(random, 40)}\n{body}\n{Filler(random, 40)}";
    }

    private static string Filler(Random random, int words)
    {
        var text = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            text.Append(CultureInfo.InvariantCulture, $"w{random.Next(20_000)} ");
        }

        return text.Append('.').ToString();
    }
}
