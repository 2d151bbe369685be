using System.Text;
using System.Text.Json;
using IngestWorker.Answers;
using IngestWorker.Replay;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Api;

/// <summary>The list routes keep their answers (AnswerCache): a kept answer must never outlive what it was made of.</summary>
public sealed class AnswerCacheTests
{
    /// <summary>The depot article with a troop count too, so that a new one moves the troop and history routes as well.</summary>
    private const string DepotArticle = SahilDepot.Article + "\nAbout 1,200 US troops remain in Iraq, the Pentagon said.\n";

    [Fact]
    public async Task A_kept_answer_is_given_again_as_it_was_until_a_new_article_is_projected_then_the_new_one_is_given()
    {
        // Given a worker with the seeds projected, whose answers to the list routes are kept.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("cache-new"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await worker.DropSeedsAsync();
        await Eventually.HoldsAsync(async () => await TotalAsync(http, "/api/articles") == 5, "the seeds are listed");
        await Eventually.HoldsAsync(async () => await ProjectedAsync(http), "the seeds are projected");
        string[] routes = ["/api/articles", "/api/troops?location=Iraq", "/api/history?location=Iraq&format=csv", "/api/bases"];
        var before = new Dictionary<string, string>();
        foreach (var route in routes)
        {
            before[route] = await http.GetStringAsync(route);
        }

        // When the same questions are asked again, they get the same answers, kept.
        foreach (var route in routes)
        {
            Assert.Equal(before[route], await http.GetStringAsync(route));
        }

        Assert.True(worker.Services.GetRequiredService<AnswerCache>().Count >= routes.Length);

        // When an article with a new troop count and a new base statement is projected.
        var troopsBefore = await TotalAsync(http, "/api/troops?location=Iraq");
        await worker.DropAsync("depot.md", Encoding.UTF8.GetBytes(DepotArticle));

        // Then every route answers with it, not with what it kept.
        await Eventually.HoldsAsync(async () => await TotalAsync(http, "/api/articles") == 6, "the new article is listed");
        await Eventually.HoldsAsync(async () => await TotalAsync(http, "/api/troops?location=Iraq") > troopsBefore, "its troop count is listed");
        await Eventually.HoldsAsync(async () => await ProjectedAsync(http), "the new article is projected");
        Assert.Contains("Test Wire", await http.GetStringAsync("/api/history?location=Iraq&format=csv"), StringComparison.Ordinal);
        Assert.NotEqual(before["/api/history?location=Iraq&format=csv"], await http.GetStringAsync("/api/history?location=Iraq&format=csv"));
    }

    [Fact]
    public async Task A_replay_with_new_rules_changes_the_kept_answers_though_no_article_was_added()
    {
        // Given a worker that has projected an article about a base its rules do not know, and kept the answer.
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("cache-replay"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        await worker.DropAsync("depot.md", Encoding.UTF8.GetBytes(DepotArticle));
        await Eventually.HoldsAsync(async () => await TotalAsync(http, "/api/articles") == 1, "the article is listed");
        await Eventually.HoldsAsync(async () => await ProjectedAsync(http), "the article is projected");
        Assert.DoesNotContain("Sahil Logistics Depot", await http.GetStringAsync("/api/bases"), StringComparison.Ordinal);
        Assert.DoesNotContain("Sahil Logistics Depot", await http.GetStringAsync("/api/bases"), StringComparison.Ordinal);

        // When the rules learn the base and the read models are replayed.
        await worker.Services.GetRequiredService<Replayer>().ReplayAsync(SahilDepot.Rules(), dryRun: false, ReplayProgress.None, CancellationToken.None);

        // Then the same question gets the new answer.
        Assert.Contains("Sahil Logistics Depot", await http.GetStringAsync("/api/bases"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cursor_is_a_400_each_time_it_is_asked_and_is_not_kept()
    {
        await using var worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("cache-bad"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        for (var i = 0; i < 2; i++)
        {
            var response = await http.GetAsync("/api/troops?cursor=bm90LWEta2V5");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0, worker.Services.GetRequiredService<AnswerCache>().Count);
    }

    private static async Task<int> TotalAsync(HttpClient http, string route)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync(route));
        return page.RootElement.GetProperty("total").GetInt32();
    }

    private static async Task<bool> ProjectedAsync(HttpClient http)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        return status.RootElement.GetProperty("projections").EnumerateArray().All(p => p.GetProperty("lag").GetInt64() == 0);
    }
}
