using IngestWorker.Projections;
using IngestWorker.Replay;
using IngestWorker.Tests.Support;
using Npgsql;

namespace IngestWorker.Tests.ReadModels;

/// <summary>The diff of two models, counted by the server: what each holds more of, row by row.</summary>
public sealed class ReplayDiffTests
{
    private const string Old = "diff_old";
    private const string New = "diff_new";

    [Fact]
    public async Task A_moved_figure_is_one_change_and_a_row_held_twice_by_one_model_and_once_by_the_other_is_one_addition()
    {
        // Given an old model and a new one: one figure moved, one claim gone, one claim new, one held once before and twice now,
        // and one the same in both.
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseFixture.FreshDatabaseAsync());
        await CreateAsync(dataSource, Old,
            ("a1", 0, "Kuwait", 1_000, "About 1,000 troops are in Kuwait."),
            ("a2", 0, "Qatar", 800, "Some 800 troops remain in Qatar."),
            ("a3", 0, "Jordan", 300, "Roughly 300 soldiers stay in Jordan."),
            ("a4", 0, "Iraq", 2_500, "Around 2,500 troops are in Iraq."));
        await CreateAsync(dataSource, New,
            ("a1", 0, "Kuwait", 1_200, "About 1,000 troops are in Kuwait."),
            ("a3", 0, "Jordan", 300, "Roughly 300 soldiers stay in Jordan."),
            ("a3", 1, "Jordan", 300, "Roughly 300 soldiers stay in Jordan."),
            ("a4", 0, "Iraq", 2_500, "Around 2,500 troops are in Iraq."),
            ("a5", 0, "Syria", 1_500, "About 1,500 troops remain in Syria."));

        // When the two are compared.
        var (troops, bases) = await ReplayDiff.ComputeAsync(dataSource, Old, New, CancellationToken.None);

        // Then the moved figure is one change, the gone claim one removal, and the new claim and the extra copy one addition each.
        Assert.Empty(bases);
        Assert.Equal(
            [
                (ClaimChange.Added, "Jordan"),
                (ClaimChange.Changed, "Kuwait"),
                (ClaimChange.Removed, "Qatar"),
                (ClaimChange.Added, "Syria"),
            ],
            troops.Select(c => (c.Change, c.Subject)).ToList());
        var moved = Assert.Single(troops, c => c.Change == ClaimChange.Changed);
        Assert.Contains("1000", moved.Before, StringComparison.Ordinal);
        Assert.Contains("1200", moved.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_old_model_every_row_of_the_new_one_is_an_addition()
    {
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseFixture.FreshDatabaseAsync());
        await CreateAsync(dataSource, New,
            ("a1", 0, "Kuwait", 1_000, "About 1,000 troops are in Kuwait."),
            ("a1", 1, "Kuwait", 1_000, "About 1,000 troops are in Kuwait."));

        var (troops, _) = await ReplayDiff.ComputeAsync(dataSource, null, New, CancellationToken.None);

        Assert.Equal([ClaimChange.Added, ClaimChange.Added], troops.Select(c => c.Change).ToList());
    }

    /// <summary>The two claim tables the diff reads, with only the columns it reads and their key, in a schema of their own.</summary>
    private static async Task CreateAsync(NpgsqlDataSource dataSource, string schema,
        params (string StreamId, int Ordinal, string Location, int Count, string Quote)[] troops)
    {
        await using var create = dataSource.CreateCommand(
            $"""
            create schema {schema};
            create table {schema}.troop_counts (stream_id text, ordinal int, force text, kind text, bound text, count int, as_of text, site text,
                location text, quote text, title text, primary key (stream_id, ordinal));
            create table {schema}.base_statements (stream_id text, ordinal int, quote text, base text, status text, as_of text, title text,
                primary key (stream_id, ordinal));
            """);
        await create.ExecuteNonQueryAsync();
        foreach (var (streamId, ordinal, location, count, quote) in troops)
        {
            await using var insert = dataSource.CreateCommand(
                $"insert into {schema}.troop_counts values ($1, $2, 'US', 'troops', 'about', $3, '2026-02-10', null, $4, $5, 'Report')");
            insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
            insert.Parameters.Add(new NpgsqlParameter { Value = ordinal });
            insert.Parameters.Add(new NpgsqlParameter { Value = count });
            insert.Parameters.Add(new NpgsqlParameter { Value = location });
            insert.Parameters.Add(new NpgsqlParameter { Value = quote });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
