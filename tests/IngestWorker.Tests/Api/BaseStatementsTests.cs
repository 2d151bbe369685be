using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IngestWorker.Bases;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

/// <summary>
/// A base names its latest statements, so that a much-reported base cannot make an answer of megabytes;
/// its runs count every statement, and <c>/api/bases/{name}/statements</c> lists them all, a page at a time.
/// </summary>
public sealed class BaseStatementsTests
{
    private const int Statements = BaseQueries.StatementsShown + 4;

    [Fact]
    public async Task A_base_names_its_latest_statements_and_the_statements_route_pages_through_all_of_them()
    {
        // Given more statements about one base than a base names, each from a report of its own day.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("statements"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        for (var day = 1; day <= Statements; day++)
        {
            await worker.DropAsync($"asad-{day}.md", Article(day));
        }

        await Eventually.HoldsAsync(async () => await StatementsCountedAsync(http) == Statements, "every statement is projected");

        // When the base is asked for.
        using var bases = JsonDocument.Parse(await http.GetStringAsync("/api/bases"));
        var asad = Assert.Single(bases.RootElement.GetProperty("items").EnumerateArray());

        // Then it names its latest statements only.
        var named = asad.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("source").GetProperty("published").GetString()).ToList();
        Assert.Equal(Enumerable.Range(Statements - BaseQueries.StatementsShown + 1, BaseQueries.StatementsShown).Select(Day), named);

        // And the statements route, four at a time, gives every one in timeline order.
        var all = new List<string?>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync("/api/bases/Ain%20al-Asad%20Air%20Base/statements?limit=4" + (cursor is null ? "" : "&cursor=" + cursor)));
            Assert.Equal(Statements, page.RootElement.GetProperty("total").GetInt32());
            all.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("source").GetProperty("published").GetString()));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(1, Statements).Select(Day), all);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/bases/Nowhere/statements")).StatusCode);
    }

    private static string Day(int day) => new DateOnly(2025, 3, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Article(int day) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
        ---
        title: Day {day} at the air base
        published: {Day(day)}
        outlet: Outlet {day}
        ---
        US forces are withdrawing from Ain al-Asad Air Base, officials said on day {day}.
        """));

    private static async Task<int> StatementsCountedAsync(HttpClient http)
    {
        using var bases = JsonDocument.Parse(await http.GetStringAsync("/api/bases"));
        return bases.RootElement.GetProperty("items").EnumerateArray()
            .Sum(b => b.GetProperty("runs").EnumerateArray().Sum(r => r.GetProperty("statementCount").GetInt32()));
    }
}
