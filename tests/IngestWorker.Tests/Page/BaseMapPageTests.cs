using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IngestWorker.Status;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IngestWorker.Tests.Page;

/// <summary>
/// Issue 21's map, in a headless Chromium (<see cref="Chromium"/>): the bases of the current answer as marks on the region's
/// outlines, coloured by status and sized by statements, their runs on click, troops by country beside
/// them, bases without a place listed, and the known-at control moving all of it.
/// </summary>
public sealed class BaseMapPageTests
{
    /// <summary>Hand-written articles of the core tests: bases in Iraq, Syria, Jordan and Kuwait, 2019 to 2025.</summary>
    private static readonly string[] Articles =
    [
        "syria-tanf-2019.html", "iraq-2020-base-handovers.txt", "jordan-tower22-2024.md", "syria-2024-acknowledged.txt",
        "syria-2025-consolidation.txt", "kuwait-2025-arifjan.md",
    ];

    [Fact]
    public async Task The_map_marks_each_placed_base_by_its_status_and_the_known_at_control_moves_the_marks()
    {
        // Given the seeds, six articles about bases across the region, and one about a camp no list names
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("map"));
        await worker.DropSeedsAsync();
        foreach (var name in Articles)
        {
            await worker.DropAsync(name, await File.ReadAllBytesAsync(Path.Combine(Paths.RepositoryRoot, "tests", "IngestWorker.Core.Tests", "Articles", name)));
        }

        await worker.DropAsync("kestrel.md", Encoding.UTF8.GetBytes("---\ntitle: A camp of its own\npublished: 2025-06-02\n---\nThe coalition handed Camp Kestrel Ridge over to the Iraqi army.\n"));
        await Eventually.HoldsAsync(async () =>
        {
            var status = await worker.Services.GetRequiredService<StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Articles == 5 + Articles.Length + 1 && status.Projections.All(p => p.Lag == 0);
        }, "every article is projected");
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var errors = new List<string>();
        var page = await Chromium.NewPageAsync(browser, errors);

        // When the page is loaded with everything known
        await page.GotoAsync(worker.BaseAddress.ToString());
        await page.WaitForSelectorAsync("body[data-loaded='all']");

        // Then every base the API places has its mark, in its status's colour and sized by its statements,
        // and the one it cannot place is listed beside the map
        var everything = await BasesAsync(http, null);
        await AssertMarkedAsync(page, everything);
        Assert.Contains(everything, b => b.Placed is false && b.Name == "Camp Kestrel Ridge");
        Assert.True(await page.Locator(".troop-table tr[data-country='Iraq']").CountAsync() == 1, "troops by country list Iraq");
        Assert.Contains("Syria", await page.InnerTextAsync(".troop-table"), StringComparison.Ordinal);

        // And a mark's click shows that base's runs
        await page.ClickAsync("circle.base-mark[data-base='Al-Tanf Garrison']");
        await page.WaitForSelectorAsync("#sources-body[data-shown='Al-Tanf Garrison']");
        Assert.Contains("statement", await page.InnerTextAsync("#sources-body"), StringComparison.Ordinal);
        Directory.CreateDirectory(ArtifactFolder);
        await page.Locator("#map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ArtifactFolder, "map.png") });

        // When the known-at control goes back to the end of 2024
        await page.EvalOnSelectorAsync("#known-at", "input => { input.value = '2024-12-31'; input.dispatchEvent(new Event('change')); }");
        await page.WaitForSelectorAsync("body[data-loaded='2024-12-31']");

        // Then the marks are those known that day: fewer, and as the API answers for that day
        var then = await BasesAsync(http, "2024-12-31");
        await AssertMarkedAsync(page, then);
        Assert.True(then.Count(b => b.Placed) < everything.Count(b => b.Placed), "articles of 2025 add bases the map must drop when known at the end of 2024");
        Assert.Empty(errors);
    }

    private static string ArtifactFolder => Path.Combine(Paths.RepositoryRoot, "TestResults");

    private static async Task AssertMarkedAsync(IPage page, IReadOnlyList<(string Name, string Status, int Statements, bool Placed)> bases)
    {
        var marks = await page.Locator("svg.base-map circle.base-mark").EvaluateAllAsync<string[][]>(
            "marks => marks.map(m => [m.dataset.base, m.dataset.status, m.dataset.statements, getComputedStyle(m).fill])");
        var colours = await page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('svg.base-chart rect.run')].map(r => [r.dataset.status, getComputedStyle(r).fill]))");
        Assert.Equal(
            bases.Where(b => b.Placed).Select(b => $"{b.Name} | {b.Status} | {b.Statements}").Order(StringComparer.Ordinal),
            marks.Select(m => $"{m[0]} | {m[1]} | {m[2]}").Order(StringComparer.Ordinal));
        Assert.All(marks, m => Assert.Equal(colours[m[1]], m[3]));
        var listed = await page.Locator(".unplaced li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.base)");
        Assert.Equal(bases.Where(b => !b.Placed).Select(b => b.Name).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static async Task<IReadOnlyList<(string Name, string Status, int Statements, bool Placed)>> BasesAsync(HttpClient http, string? knownAt)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/bases?statements=none&limit=1000" + (knownAt is null ? "" : "&knownAt=" + knownAt));
        return answer.GetProperty("items").EnumerateArray()
            .Select(b => (b.GetProperty("base").GetString()!, b.GetProperty("status").GetString()!,
                b.GetProperty("runs").EnumerateArray().Sum(r => r.GetProperty("statementCount").GetInt32()),
                b.GetProperty("latitude").ValueKind == JsonValueKind.Number))
            .ToList();
    }
}
