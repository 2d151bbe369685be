using IngestWorker.Tests.ReadModels;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.Cli;

/// <summary>The query verbs on the seeds, as a user runs them: tables, CSV, JSON, pages.</summary>
public sealed class QueryFormatTests(SeededWorker seeded) : IClassFixture<SeededWorker>
{
    private Task<CommandLine.Result> QueryAsync(params string[] arguments) =>
        CommandLine.RunAsync(Paths.Scratch("query"), ["query", .. arguments, "--db", seeded.Worker.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString]);

    [Fact]
    public async Task History_shows_each_series_with_periods_and_support_and_the_wire_report_once_with_two_copies()
    {
        var table = await QueryAsync("history", "--location", "Iraq");
        var csv = await QueryAsync("history", "--format", "csv");
        var detail = await QueryAsync("history", "--detail", "--format", "csv");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("US Iraq level", table.Output, StringComparison.Ordinal);
        Assert.Contains("2025-01", table.Output, StringComparison.Ordinal);
        Assert.Contains("1 (2 copies)", table.Output, StringComparison.Ordinal);
        Assert.StartsWith("Force,Location,Kind,Period,Precision,Dated,Figure,Bound,Reports,Copies", csv.Output, StringComparison.Ordinal);
        Assert.Contains("US,Iraq,level,2025-01,month,yes,2500,approximately,1,2,", csv.Output, StringComparison.Ordinal);
        Assert.Equal(2, detail.Output.Split("\r\n").Count(line => line.StartsWith("US,Iraq,level,2025-01,2500,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bases_narrowed_to_a_status_list_only_those_whose_status_now_is_that_word()
    {
        var handing = await QueryAsync("bases", "--status", "handover-in-progress", "--json");
        var receiving = await QueryAsync("bases", "--status", "receiving-forces", "--json");

        Assert.Equal((0, 0), (handing.ExitCode, receiving.ExitCode));
        var handingBases = BasesAndStatuses(handing.Output);
        var receivingBases = BasesAndStatuses(receiving.Output);
        Assert.Contains(("Ain al-Asad Air Base", "handover-in-progress"), handingBases);
        Assert.All(handingBases, b => Assert.Equal("handover-in-progress", b.Status));
        Assert.Contains(("Erbil", "receiving-forces"), receivingBases);
        Assert.All(receivingBases, b => Assert.Equal("receiving-forces", b.Status));
    }

    private static List<(string Base, string Status)> BasesAndStatuses(string json)
    {
        using var page = System.Text.Json.JsonDocument.Parse(json);
        return page.RootElement.GetProperty("items").EnumerateArray()
            .Select(b => (b.GetProperty("base").GetString()!, b.GetProperty("status").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task Articles_name_the_original_of_a_copy_and_json_is_an_alias_of_format_json()
    {
        var table = await QueryAsync("articles");
        var json = await QueryAsync("articles", "--json");
        var format = await QueryAsync("articles", "--format", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Copy of", table.Output, StringComparison.Ordinal);
        Assert.Contains("\"copyOf\": {", json.Output, StringComparison.Ordinal);
        Assert.Equal(json.Output, format.Output);
    }

    [Fact]
    public async Task A_page_says_how_many_there_are_and_where_the_next_begins()
    {
        var first = await QueryAsync("troops", "--limit", "2", "--format", "csv");
        var cursor = first.Errors.Split("--cursor ")[1].Trim();
        var second = await QueryAsync("troops", "--limit", "2", "--cursor", cursor, "--format", "csv");
        var bad = await QueryAsync("troops", "--cursor", "nonsense");

        Assert.Equal(3, first.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("2 of ", first.Errors, StringComparison.Ordinal);
        Assert.NotEqual(first.Output.Split("\r\n")[1], second.Output.Split("\r\n")[1]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("cursor", bad.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statements_and_sources_list_what_a_base_or_a_point_rests_on_and_a_base_not_known_is_one_line()
    {
        var statements = await QueryAsync("statements", "--base", "al-asad", "--format", "csv");
        var sources = await QueryAsync("sources", "--location", "Iraq", "--force", "US", "--kind", "level", "--period", "2025-01", "--format", "csv");
        var unknown = await QueryAsync("statements", "--base", "Nowhere");

        Assert.Equal(0, statements.ExitCode);
        Assert.StartsWith("Status,As of,Quote,", statements.Output, StringComparison.Ordinal);
        Assert.True(statements.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 2, "Ain al-Asad has several statements");
        Assert.Equal(0, sources.ExitCode);
        Assert.Equal(2, sources.Output.Split("\r\n").Count(line => line.StartsWith("2500,approximately,yes,", StringComparison.Ordinal)));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: no statements about a base named 'Nowhere'.", unknown.Errors.Trim());
    }

    [Fact]
    public async Task A_filter_that_names_no_place_or_base_says_so_beside_the_empty_answer_and_names_the_places_that_hold_it()
    {
        var cutShort = await QueryAsync("troops", "--location", "ira");
        var unknown = await QueryAsync("history", "--location", "Nowhere", "--json");
        var noBase = await QueryAsync("bases", "--base", "Nowhere", "--format", "csv");
        var knownButNotYet = await QueryAsync("troops", "--location", "iraq", "--known-at", "2000-01-01");

        Assert.Equal(0, cutShort.ExitCode);
        Assert.Contains("0 troop counts", cutShort.Output, StringComparison.Ordinal);
        Assert.StartsWith("note: no troop count is about a place named 'ira'; places whose names hold it: Iraq", cutShort.Errors.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, unknown.ExitCode);
        Assert.Contains("\"total\": 0", unknown.Output, StringComparison.Ordinal);
        Assert.Equal("note: no troop count is about a place named 'Nowhere'.", unknown.Errors.Trim());
        Assert.Equal(0, noBase.ExitCode);
        Assert.Equal("note: no statements about a base named 'Nowhere'.", noBase.Errors.Trim());
        Assert.Equal(0, knownButNotYet.ExitCode);
        Assert.Equal(string.Empty, knownButNotYet.Errors.Trim());
    }
}
