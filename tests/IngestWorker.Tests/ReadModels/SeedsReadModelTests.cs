using IngestWorker.Claims;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.ReadModels;

/// <summary>The five seeds ingested once, then asked what people come for.</summary>
public sealed class SeedsReadModelTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    private ClaimQueries Claims => seeded.Worker.Services.GetRequiredService<ClaimQueries>();

    [Fact]
    public async Task Troops_in_Iraq_show_the_levels_the_target_and_the_historical_figure_with_their_sources()
    {
        var troops = await Claims.TroopsAsync("iraq", null, null, CancellationToken.None);

        Assert.All(troops, t => Assert.Equal("Iraq", t.Location));
        Assert.Contains(troops, t => t is { Kind: "level", Count: 2500, Bound: "approximately", AsOf: "2025-01" }
            && t.Source.Title == "Pentagon says Iraq mission being scaled back");
        Assert.Contains(troops, t => t is { Kind: "level", Count: 2500, Bound: "at-least", AsOf: "2025-09-30" }
            && t.Source.Published == new DateOnly(2025, 9, 30));
        Assert.Contains(troops, t => t is { Kind: "target", Count: 2000, Bound: "at-most" });
        Assert.Contains(troops, t => t is { Kind: "level", Count: 20000, AsOf: "2015" }
            && t.Source.Title == "US military starts drawing down its mission in Iraq countering the Daesh group");
        Assert.DoesNotContain(troops, t => t.Count == 900);
    }

    [Fact]
    public async Task Bases_show_Ain_al_Asad_Air_Base_with_its_latest_status()
    {
        var bases = await Claims.BasesAsync(null, null, CancellationToken.None);

        var asad = Assert.Single(bases, b => b.Base == "Ain al-Asad Air Base");
        Assert.Equal("handover-in-progress", asad.Status);
        Assert.Equal("2025-09-30", asad.AsOf);
        Assert.Contains(asad.Statements, s => s.Status == "withdrawal-started");
        Assert.Contains(bases, b => b.Base == "Erbil" && b.Status == "receiving-forces");
        Assert.Equal(asad, Assert.Single(await Claims.BasesAsync("al-asad", null, CancellationToken.None)), new BaseComparer());
    }

    [Fact]
    public async Task History_of_Iraq_lists_the_reported_figures_in_order_with_changes_and_flags_the_2025_disagreement()
    {
        var history = await Claims.HistoryAsync("Iraq", "US", null, CancellationToken.None);

        var levels = Assert.Single(history, s => s.Kind == "level");
        Assert.True(levels.Figures.Count >= 3);
        Assert.Null(levels.Figures[0].Previous);
        Assert.All(levels.Figures.Skip(1).Zip(levels.Figures), pair =>
        {
            var (figure, before) = pair;
            Assert.Equal(before.Count, figure.Previous);
            Assert.Equal(figure.Count - before.Count, figure.Change);
        });
        var reported2400 = Assert.Single(levels.Figures, f => f.Count == 2400);
        Assert.Equal("2025", reported2400.Period);
        Assert.Contains(2500, reported2400.DisagreesWith);
        Assert.True(levels.HasDisagreement);
        Assert.Contains(levels.Figures, f => f.Count == 2500 && f.Sources.Count >= 2);
    }

    [Fact]
    public async Task Known_at_a_date_counts_only_articles_published_by_then()
    {
        var beforeAll = await Claims.TroopsAsync(null, null, new DateOnly(2025, 1, 1), CancellationToken.None);
        var onSeptember30 = await Claims.TroopsAsync(null, null, new DateOnly(2025, 9, 30), CancellationToken.None);
        var basesThen = await Claims.BasesAsync(null, new DateOnly(2025, 9, 30), CancellationToken.None);
        var historyThen = await Claims.HistoryAsync("Iraq", null, new DateOnly(2025, 9, 30), CancellationToken.None);

        Assert.Empty(beforeAll);
        Assert.NotEmpty(onSeptember30);
        Assert.All(onSeptember30, t => Assert.Equal(new DateOnly(2025, 9, 30), t.Source.Published));
        Assert.DoesNotContain(onSeptember30, t => t.Count == 2400);
        Assert.All(basesThen.SelectMany(b => b.Statements), s => Assert.True(s.Source.Published <= new DateOnly(2025, 9, 30)));
        Assert.DoesNotContain(historyThen.SelectMany(s => s.Figures), f => f.Count == 2400);
    }

    [Fact]
    public async Task The_http_api_answers_the_same_questions()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var troops = await http.GetStringAsync("/api/troops?location=Iraq&knownAt=2025-09-30");
        var asad = await http.GetStringAsync("/api/bases/Ain%20al-Asad%20Air%20Base");
        var history = await http.GetStringAsync("/api/history?location=Iraq");
        var badDate = await http.GetAsync("/api/troops?knownAt=yesterday");
        var unknownBase = await http.GetAsync("/api/bases/Nowhere");

        Assert.Contains("\"count\":20000", troops, StringComparison.Ordinal);
        Assert.DoesNotContain("\"count\":2400", troops, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"handover-in-progress\"", asad, StringComparison.Ordinal);
        Assert.Contains("\"disagreesWith\":[2500]", history, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownBase.StatusCode);
    }

    private sealed class BaseComparer : IEqualityComparer<BaseStatusView>
    {
        public bool Equals(BaseStatusView? x, BaseStatusView? y) => x?.Base == y?.Base && x?.Status == y?.Status && x?.Statements.Count == y?.Statements.Count;

        public int GetHashCode(BaseStatusView obj) => obj.Base.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>A worker that has ingested and projected the five seeds.</summary>
public sealed class SeededWorker : IAsyncLifetime
{
    public RunningWorker Worker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Worker = await RunningWorker.StartAsync(await DatabaseFixture.FreshDatabaseAsync(), Paths.Scratch("seeded"));
        await Worker.DropSeedsAsync();
        await Eventually.HoldsAsync(async () =>
        {
            var status = await Worker.Services.GetRequiredService<Status.StatusQueries>().GetAsync(null, CancellationToken.None);
            return status.Articles == 5 && status.Projections.All(p => p.Lag == 0);
        }, "the five seeds are projected");
    }

    public async Task DisposeAsync() => await Worker.DisposeAsync();
}
