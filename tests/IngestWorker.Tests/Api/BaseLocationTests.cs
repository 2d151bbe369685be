using System.Text;
using System.Text.Json;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Api;

/// <summary>
/// Issue 21's map: each base of <c>/api/bases</c> says where it is, from the gazetteer for an installation
/// and from the rules' places for a city or region; a base found only by its shape has no coordinates.
/// </summary>
public sealed class BaseLocationTests
{
    [Fact]
    public async Task A_base_says_where_it_is_when_the_rules_know_it_and_null_when_they_do_not()
    {
        // Given statements about an installation of the gazetteer, a city, and a camp no list names
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("locations"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await worker.DropAsync("three.md", Encoding.UTF8.GetBytes("""
            ---
            title: Three sites
            published: 2025-03-04
            ---
            US forces are withdrawing from Ain al-Asad Air Base, officials said.

            More American troops arrived in Baghdad this week.

            The coalition handed Camp Kestrel Ridge over to the Iraqi army.
            """));
        await Eventually.HoldsAsync(async () => (await BasesAsync(http)).Count == 3, "the three sites are projected");

        // When the bases are asked for
        var bases = await BasesAsync(http);

        // Then the installation and the city have coordinates and a kind, the unknown camp has none
        Assert.Equal(("air base", "Iraq", 33.7856, 42.4412), Where(bases["Ain al-Asad Air Base"]));
        Assert.Equal(("city", "Iraq", 33.3152, 44.3661), Where(bases["Baghdad"]));
        var camp = bases["Camp Kestrel Ridge"];
        Assert.Equal(JsonValueKind.Null, camp.GetProperty("latitude").ValueKind);
        Assert.Equal(JsonValueKind.Null, camp.GetProperty("longitude").ValueKind);
        Assert.Equal(JsonValueKind.Null, camp.GetProperty("siteKind").ValueKind);
    }

    private static (string?, string?, double, double) Where(JsonElement site) =>
        (site.GetProperty("siteKind").GetString(), site.GetProperty("country").GetString(),
            site.GetProperty("latitude").GetDouble(), site.GetProperty("longitude").GetDouble());

    private static async Task<Dictionary<string, JsonElement>> BasesAsync(HttpClient http)
    {
        using var answer = JsonDocument.Parse(await http.GetStringAsync("/api/bases"));
        return answer.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(b => b.GetProperty("base").GetString()!, b => b.Clone());
    }
}
