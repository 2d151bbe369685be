using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IngestWorker.Bases;
using IngestWorker.Claims;
using IngestWorker.Core.Extraction;
using IngestWorker.Core.Paging;
using IngestWorker.Projections;
using IngestWorker.Troops;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>The five seeds ingested once, then asked what people come for.</summary>
public sealed class SeedsReadModelTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    private TroopQueries Troops => seeded.Worker.Services.GetRequiredService<TroopQueries>();

    private BaseQueries Bases => seeded.Worker.Services.GetRequiredService<BaseQueries>();

    [Fact]
    public async Task Troops_in_Iraq_show_the_levels_the_target_and_the_historical_figure_with_their_sources()
    {
        var troops = await Troops.TroopsAsync("iraq", null, null, CancellationToken.None);

        Assert.All(troops, t => Assert.Equal("Iraq", t.Location));
        Assert.Contains(troops, t => t is { Kind: TroopKind.Level, Count: 2500, Bound: Bound.Approximately, AsOf: "2025-01" }
            && t.Source.Title == "Pentagon says Iraq mission being scaled back");
        Assert.Contains(troops, t => t is { Kind: TroopKind.Level, Count: 2500, Bound: Bound.AtLeast, AsOf: "2025-09-30" }
            && t.Source.Published == new DateOnly(2025, 9, 30));
        Assert.Contains(troops, t => t is { Kind: TroopKind.Target, Count: 2000, Bound: Bound.AtMost });
        Assert.Contains(troops, t => t is { Kind: TroopKind.Level, Count: 20000, AsOf: "2015" }
            && t.Source.Title == "US military starts drawing down its mission in Iraq countering the Daesh group");
        Assert.DoesNotContain(troops, t => t.Count == 900);
    }

    [Fact]
    public async Task Bases_show_Ain_al_Asad_Air_Base_with_its_latest_status()
    {
        var bases = await Bases.BasesAsync(null, null, CancellationToken.None);

        var asad = Assert.Single(bases, b => b.Base == "Ain al-Asad Air Base");
        Assert.Equal(SiteStatus.HandoverInProgress, asad.Status);
        Assert.Equal("2025-09-30", asad.AsOf);
        Assert.Contains(asad.Statements, s => s.Status == SiteStatus.WithdrawalStarted);
        Assert.Contains(bases, b => b.Base == "Erbil" && b.Status == SiteStatus.ReceivingForces);
        Assert.Equal(asad, Assert.Single(await Bases.BasesAsync("al-asad", null, CancellationToken.None)), new BaseComparer());
    }

    [Fact]
    public async Task History_gives_one_series_per_force_place_and_kind_with_periods_and_support()
    {
        var history = await Troops.HistoryAsync(ClaimFilter.None, CancellationToken.None);
        File.WriteAllText(Path.Combine(Paths.Scratch("history"), "history.csv"), TroopCsv.HistoryDetail(history));

        Assert.Equal(history.Count, history.Select(s => (s.Force, s.Location, s.Kind)).Distinct().Count());
        var levels = Assert.Single(history, s => s is { Force: "US", Location: "Iraq", Kind: TroopKind.Level });
        Assert.Equal(levels.Points.OrderBy(p => p.Start).ThenByDescending(p => p.End).Select(p => p.Period), levels.Points.Select(p => p.Period));
        var peak2015 = Assert.Single(levels.Points, p => p.Period == "2015");
        Assert.Equal(("year", 20000), (peak2015.Precision, peak2015.Count));
        var start2025 = Assert.Single(levels.Points, p => p.Period == "2025-01");
        Assert.Equal(("month", 2500, Bound.Approximately), (start2025.Precision, start2025.Count, start2025.Bound));
    }

    [Fact]
    public async Task Seeds_001_and_003_are_one_report_with_two_copies()
    {
        var history = await Troops.HistoryAsync(new ClaimFilter("Iraq", "US"), CancellationToken.None);
        var articles = await seeded.Worker.ArticlesAsync();

        var seed001 = Assert.Single(articles, a => a.FileName.StartsWith("001_", StringComparison.Ordinal));
        var seed003 = Assert.Single(articles, a => a.FileName.StartsWith("003_", StringComparison.Ordinal));
        // The earlier published is the original: 001 carries no date, so 003 (30 September) is.
        Assert.Equal(seed003.StreamId, seed001.CopyOf?.StreamId);
        Assert.Null(seed003.CopyOf);
        Assert.Equal(1, articles.Count(a => a.CopyOf is not null));
        var start2025 = Assert.Single(history.Single(s => s.Kind == TroopKind.Level).Points, p => p.Period == "2025-01");
        var report = Assert.Single(start2025.Figures[0].Sources, r => r.Report == seed003.StreamId);
        Assert.Equal(2, report.Copies.Count);
        Assert.Equal(1, start2025.Reports);
        Assert.Equal(2, start2025.Copies);
    }

    [Fact]
    public async Task Base_runs_start_with_the_statement_that_opened_them()
    {
        var asad = Assert.Single(await Bases.BasesAsync(new ClaimFilter("al-asad"), CancellationToken.None));

        Assert.Equal(asad.Status, asad.Runs[^1].Status);
        Assert.Null(asad.Runs[^1].End);
        Assert.All(asad.Runs.Zip(asad.Runs.Skip(1)), pair => Assert.Equal(pair.Second.From, pair.First.End));
        Assert.Equal(asad.Statements.Count, asad.Runs.Sum(r => r.StatementCount));
    }

    [Fact]
    public async Task Pages_of_troop_counts_follow_one_another_to_the_whole_list()
    {
        var everything = await Troops.TroopsAsync(ClaimFilter.None, CancellationToken.None);
        var pages = new List<TroopCountView>();
        string? cursor = null;
        do
        {
            var page = await Troops.TroopsPageAsync(ClaimFilter.None, PageRequest.From(3, cursor), CancellationToken.None);
            Assert.Equal(everything.Count, page.Total);
            Assert.True(page.Items.Count <= 3);
            pages.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(everything, pages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-10-01")]
    public async Task Pages_of_bases_and_of_timelines_are_built_alone_yet_follow_one_another_to_the_whole_answer(string? knownAt)
    {
        // A page reads only its own bases or series: each must come out as it does in the whole answer.
        var filter = new ClaimFilter(KnownAt: knownAt is null ? null : DateOnly.Parse(knownAt, System.Globalization.CultureInfo.InvariantCulture));
        var bases = await AllPagesAsync((page, ct) => Bases.BasesPageAsync(filter, null, page, ct));
        var history = await AllPagesAsync((page, ct) => Troops.HistoryPageAsync(filter, page, ct));

        Assert.Equal(JsonSerializer.Serialize(await Bases.BasesAsync(filter, CancellationToken.None)), JsonSerializer.Serialize(bases));
        Assert.Equal(JsonSerializer.Serialize(await Troops.HistoryAsync(filter, CancellationToken.None)), JsonSerializer.Serialize(history));
        Assert.True(bases.Count > 2 && history.Count > 2, "the seeds must make more than one page of each");
    }

    private static async Task<List<T>> AllPagesAsync<T>(Func<PageRequest, CancellationToken, Task<Page<T>>> ask)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var page = await ask(PageRequest.From(2, cursor), CancellationToken.None);
            Assert.True(page.Items.Count is > 0 and <= 2);
            items.AddRange(page.Items);
            Assert.Equal(items.Count == page.Total, page.NextCursor is null);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }

    [Fact]
    public async Task Periods_filter_figures_by_when_they_hold()
    {
        var only2015 = await Troops.TroopsAsync(new ClaimFilter(From: new DateOnly(2015, 1, 1), To: new DateOnly(2015, 12, 31)), CancellationToken.None);
        var from2025 = await Troops.HistoryAsync(new ClaimFilter(From: new DateOnly(2025, 1, 1)), CancellationToken.None);

        Assert.Contains(only2015, t => t.Count == 20000);
        Assert.All(only2015, t => Assert.StartsWith("2015", t.AsOf ?? t.Source.Published?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(from2025.SelectMany(s => s.Points), p => p.End < new DateOnly(2025, 1, 1));
    }

    [Fact]
    public async Task Known_at_a_date_counts_only_articles_published_by_then()
    {
        var beforeAll = await Troops.TroopsAsync(null, null, new DateOnly(2025, 1, 1), CancellationToken.None);
        var onSeptember30 = await Troops.TroopsAsync(null, null, new DateOnly(2025, 9, 30), CancellationToken.None);
        var basesThen = await Bases.BasesAsync(null, new DateOnly(2025, 9, 30), CancellationToken.None);
        var historyThen = await Troops.HistoryAsync("Iraq", null, new DateOnly(2025, 9, 30), CancellationToken.None);
        var historyNow = await Troops.HistoryAsync("Iraq", null, null, CancellationToken.None);

        Assert.Empty(beforeAll);
        Assert.NotEmpty(onSeptember30);
        Assert.All(onSeptember30, t => Assert.Equal(new DateOnly(2025, 9, 30), t.Source.Published));
        Assert.DoesNotContain(onSeptember30, t => t.Count == 2400);
        Assert.All(basesThen.SelectMany(b => b.Statements), s => Assert.True(s.Source.Published <= new DateOnly(2025, 9, 30)));
        Assert.DoesNotContain(historyThen.SelectMany(s => s.Points).SelectMany(p => p.Figures), f => f.Count == 2400);
        Assert.Contains(historyNow.SelectMany(s => s.Points).SelectMany(p => p.Figures), f => f.Count == 2400);
    }

    [Fact]
    public async Task The_http_api_answers_the_same_questions_a_page_at_a_time()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var troops = await http.GetStringAsync("/api/troops?location=Iraq&knownAt=2025-09-30");
        var asad = await http.GetStringAsync("/api/bases/Ain%20al-Asad%20Air%20Base");
        var history = await http.GetStringAsync("/api/history?location=Iraq");
        var firstArticles = await http.GetFromJsonAsync<JsonElement>("/api/articles?limit=2");
        var nextArticles = await http.GetFromJsonAsync<JsonElement>($"/api/articles?limit=2&cursor={firstArticles.GetProperty("nextCursor").GetString()}");
        var badDate = await http.GetAsync("/api/troops?knownAt=yesterday");
        var badCursor = await http.GetAsync("/api/troops?cursor=nonsense");
        var badLimit = await http.GetAsync("/api/history?limit=5000");
        var unknownBase = await http.GetAsync("/api/bases/Nowhere");

        Assert.Contains("\"count\":20000", troops, StringComparison.Ordinal);
        Assert.DoesNotContain("\"count\":2400", troops, StringComparison.Ordinal);
        Assert.Contains("\"total\":", troops, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"handover-in-progress\"", asad, StringComparison.Ordinal);
        Assert.Contains("\"disagreement\":", history, StringComparison.Ordinal);
        Assert.Equal(5, firstArticles.GetProperty("total").GetInt32());
        Assert.Equal(2, firstArticles.GetProperty("items").GetArrayLength());
        Assert.Equal(2, nextArticles.GetProperty("items").GetArrayLength());
        Assert.NotEqual(firstArticles.GetProperty("items")[0].GetProperty("streamId").GetString(), nextArticles.GetProperty("items")[0].GetProperty("streamId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownBase.StatusCode);
    }

    [Fact]
    public async Task Bases_by_status_now_answer_in_the_contract_words_and_an_unknown_word_is_a_bad_parameter()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var handing = await http.GetFromJsonAsync<JsonElement>("/api/bases?status=handover-in-progress");
        var bad = await http.GetAsync("/api/bases?status=HandoverInProgress");

        var items = handing.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, b => b.GetProperty("base").GetString() == "Ain al-Asad Air Base");
        Assert.DoesNotContain(items, b => b.GetProperty("base").GetString() == "Erbil");
        Assert.All(items, b => Assert.Equal("handover-in-progress", b.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("status must be one of: active, withdrawal-planned", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinds_bounds_and_statuses_go_out_over_HTTP_as_the_claims_contract_spells_them()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var troops = await http.GetStringAsync("/api/troops?location=Iraq");
        var history = await http.GetStringAsync("/api/history?location=Iraq");
        var bases = await http.GetStringAsync("/api/bases?base=asad");
        var troopsCsv = await http.GetStringAsync("/api/troops?location=Iraq&format=csv");

        Assert.Contains("\"kind\":\"level\"", troops, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"target\"", troops, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"level\"", history, StringComparison.Ordinal);
        Assert.Contains(",Iraq,,level,", troopsCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Level\"", troops + history, StringComparison.Ordinal);
        Assert.DoesNotContain(",Level,", troopsCsv, StringComparison.Ordinal);

        Assert.Contains("\"bound\":\"approximately\"", troops, StringComparison.Ordinal);
        Assert.Contains("\"bound\":\"at-least\"", troops, StringComparison.Ordinal);
        Assert.Contains("\"bound\":\"approximately\"", history, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"handover-in-progress\"", bases, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"withdrawal-started\"", bases, StringComparison.Ordinal);
        Assert.DoesNotContain("\"AtLeast\"", troops + history, StringComparison.Ordinal);
        Assert.DoesNotContain("\"HandoverInProgress\"", bases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kind_column_holds_the_claims_contract_words()
    {
        var database = seeded.Worker.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand($"select distinct kind from {ReadModelSchema.Live}.{TroopCountTable.TableName} order by 1");
        await using var reader = await command.ExecuteReaderAsync();
        var words = new List<string>();
        while (await reader.ReadAsync())
        {
            words.Add(reader.GetString(0));
        }

        Assert.Contains("level", words);
        Assert.Contains("target", words);
        Assert.All(words, word => Assert.Contains(word, TroopKinds.Names));
    }

    [Fact]
    public async Task The_sources_of_a_point_name_its_kind_by_a_contract_word_and_an_unknown_word_is_a_bad_parameter()
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var known = await http.GetFromJsonAsync<JsonElement>("/api/history/sources?location=Iraq&force=US&kind=level&period=2025-01");
        var bad = await http.GetAsync("/api/history/sources?location=Iraq&force=US&kind=Level&period=2025-01");

        Assert.True(known.GetProperty("total").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("kind must be one of: level, target, reduction, increase; not 'Level'.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/articles", "Title,Outlet,Published,File,Received")]
    [InlineData("/api/troops", "Force,Location,Site,Kind,Count,Bound,As of,Quote")]
    [InlineData("/api/bases", "Base,Status,From,As of,Until,Current")]
    [InlineData("/api/history", "Force,Location,Kind,Period,Precision,Dated,Figure,Bound,Reports,Copies")]
    public async Task Every_list_route_answers_CSV_with_a_header_row(string route, string header)
    {
        using var http = new HttpClient { BaseAddress = seeded.Worker.BaseAddress };

        var response = await http.GetAsync(route + "?format=csv");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(header, text, StringComparison.Ordinal);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        Assert.True(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
        Assert.True(int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
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
