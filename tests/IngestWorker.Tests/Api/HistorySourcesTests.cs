using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IngestWorker.Troops;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

/// <summary>
/// A point of a timeline names the first few reports of each figure, so that one much-reported series
/// cannot make an answer of megabytes; <c>/api/history/sources</c> lists every report, a page at a time.
/// </summary>
public sealed class HistorySourcesTests
{
    private const int Agreeing = TroopQueries.SourcesShown + 3;

    [Fact]
    public async Task A_point_names_its_first_reports_and_the_sources_route_pages_through_all_of_them()
    {
        // Given more reports of one figure than a point names, and one report of another figure for the same period.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("sources"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        for (var i = 0; i < Agreeing; i++)
        {
            await worker.DropAsync($"agree-{i}.md", Article($"Outlet {i}", 2500));
        }

        await worker.DropAsync("other.md", Article("Outlet X", 3000));
        await Eventually.HoldsAsync(async () => await FiguresAsync(http) == Agreeing + 1, "every figure is projected into the timeline");

        // When the timeline is asked for.
        using var history = JsonDocument.Parse(await http.GetStringAsync("/api/history?location=Iraq&force=US"));
        var series = history.RootElement.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "level");
        var point = series.GetProperty("points").EnumerateArray().Single();
        var supported = point.GetProperty("figures")[0];

        // Then the supported figure counts every report but names only the first few.
        Assert.Equal(2500, supported.GetProperty("count").GetInt32());
        Assert.Equal(Agreeing, supported.GetProperty("reports").GetInt32());
        Assert.Equal(TroopQueries.SourcesShown, supported.GetProperty("sources").GetArrayLength());

        // And the sources route, three at a time, gives every report of the point once, the supported figure's first.
        var query = string.Create(CultureInfo.InvariantCulture,
            $"location=Iraq&force=US&kind=level&period={point.GetProperty("period").GetString()}&dated={(point.GetProperty("dated").GetBoolean() ? "true" : "false")}");
        var sources = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/history/sources?{query}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}")));
            Assert.Equal(Agreeing + 1, page.RootElement.GetProperty("total").GetInt32());
            sources.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(s => s.Clone()));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Agreeing + 1, sources.Select(s => s.GetProperty("report").GetString()).Distinct().Count());
        Assert.All(sources.Take(Agreeing), s => Assert.True(s.GetProperty("supported").GetBoolean() && s.GetProperty("count").GetInt32() == 2500));
        Assert.Equal((3000, false), (sources[^1].GetProperty("count").GetInt32(), sources[^1].GetProperty("supported").GetBoolean()));
        Assert.Contains("Outlet X", await http.GetStringAsync($"/api/history/sources?{query}&format=csv"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/history/sources?location=Iraq&force=US&period=2025")]
    [InlineData("/api/history/sources?location=Iraq&force=US&kind=level&period=last-year")]
    [InlineData("/api/history/sources?location=Iraq&force=US&kind=level&period=2025&dated=maybe")]
    public async Task A_point_not_named_fully_and_rightly_is_a_400_with_the_reason(string route)
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("sources-bad"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        var problem = await Problem.ReadAsync(await http.GetAsync(route));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(Problem.TypeOf("bad-parameter"), problem.Type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    /// <summary>A short article (too short to be taken for a copy of another) giving one figure, dated the same day as the others.</summary>
    private static byte[] Article(string outlet, int troops) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
        ---
        title: {outlet} on the US presence
        published: 2025-03-01
        outlet: {outlet}
        ---
        About {troops:N0} US troops are in Iraq, {outlet} reported.
        """));

    private static async Task<int> FiguresAsync(HttpClient http)
    {
        using var troops = JsonDocument.Parse(await http.GetStringAsync("/api/troops?location=Iraq&force=US"));
        return troops.RootElement.GetProperty("total").GetInt32();
    }
}
