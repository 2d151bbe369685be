using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using Npgsql;

namespace IngestWorker.Tests.Database;

/// <summary>What the one-shot verbs do to a database or data folder that holds nothing yet, or does not exist.</summary>
public sealed class VerbDatabaseTests
{
    [Fact]
    public async Task Regression_db_naming_a_database_that_does_not_exist_says_in_one_line_which_and_how_to_create_it()
    {
        // Given a server that answers, and a connection string naming a database it does not have.
        var missing = new NpgsqlConnectionStringBuilder(await DatabaseFixture.FreshDatabaseAsync()) { Database = "no_such_ingest_db" };

        // When a verb is given it.
        var result = await CommandLine.RunAsync(Paths.Scratch("missing-db"), "status", "--db", missing.ConnectionString);

        // Then one line names the database and the command that creates it; exit code 2.
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"no_such_ingest_db\" does not exist", line, StringComparison.Ordinal);
        Assert.Contains("createdb no_such_ingest_db", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_status_on_a_data_folder_without_data_says_so_and_creates_no_server()
    {
        // Given a folder where no worker has run.
        var folder = Paths.Scratch("no-data");
        var data = Path.Combine(folder, ".ingest");

        // When status is asked there.
        var result = await CommandLine.RunAsync(folder, "status", "--data", data);

        // Then it says there is no data yet, and leaves the folder as it was (no 47 MB cluster).
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no data yet", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "status made the data folder");
    }

    [Fact]
    public async Task Regression_query_on_an_empty_database_says_there_is_no_data_and_creates_no_schema()
    {
        // Given an empty database on a server of someone else's.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();

        // When the articles are asked for.
        var result = await CommandLine.RunAsync(Paths.Scratch("empty-db"), "query", "articles", "--db", connectionString);

        // Then it says there is no data yet, and the database still has no schema of the log.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no data yet", Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var schemas = new NpgsqlCommand("select count(*) from pg_namespace where nspname like $1 || '%'", connection);
        schemas.Parameters.Add(new NpgsqlParameter { Value = LogStore.Schema });
        Assert.Equal(0L, await schemas.ExecuteScalarAsync());
    }
}
