using IngestWorker.Articles;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.Database;

/// <summary>Running the worker as teams that apply migrations themselves do: schema creation off, the JasperFx schema verbs.</summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task Db_patch_writes_the_sql_for_an_absent_schema_db_apply_creates_it_and_db_assert_then_passes()
    {
        // Given a database no worker has touched.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        var folder = Paths.Scratch("db-verbs");

        // When a DBA asks for the patch: it holds the log's tables and Wolverine's, in files to review.
        var patch = await CommandLine.RunAsync(folder, "db-patch", "migration.sql", "--db", connectionString);
        Assert.True(patch.ExitCode == 0, patch.Output + patch.Errors);
        Assert.Contains("mt_events", await File.ReadAllTextAsync(Path.Combine(folder, "migration.sql")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("create table", await File.ReadAllTextAsync(Path.Combine(folder, "migration.wolverine.sql")), StringComparison.OrdinalIgnoreCase);

        // Then the schema is not there yet, db-apply makes it, and db-assert finds nothing missing.
        Assert.NotEqual(0, (await CommandLine.RunAsync(folder, "db-assert", "--db", connectionString)).ExitCode);
        var apply = await CommandLine.RunAsync(folder, "db-apply", "--db", connectionString);
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Errors);
        var assert = await CommandLine.RunAsync(folder, "db-assert", "--db", connectionString);
        Assert.True(assert.ExitCode == 0, assert.Output + assert.Errors);
    }

    [Fact]
    public async Task A_worker_with_schema_creation_off_on_an_empty_database_says_so_in_one_line_and_exits_with_4()
    {
        // Given an empty database.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();

        // When a worker is started on it with schema creation off (the environment variable, as a deployment sets it).
        var result = await CommandLine.RunWithAsync(new Dictionary<string, string> { [SchemaCreation.EnvironmentVariable] = "off" },
            Paths.Scratch("creation-off"), "run", "--db", connectionString, "--urls", "http://127.0.0.1:0");

        // Then it stops before starting anything, with one line that says how to apply the schema.
        Assert.Equal(SchemaCreation.SchemaNotAppliedExitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("db-apply", line, StringComparison.Ordinal);
        Assert.Contains("schema", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_with_schema_creation_off_on_a_database_without_its_read_model_exits_with_4_and_starts_after_db_apply()
    {
        // Given a database whose log is in place but whose read model is not (as an upgrade that adds it finds it).
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        var folder = Paths.Scratch("read-model-off");
        var apply = await CommandLine.RunAsync(folder, "db-apply", "--db", connectionString);
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Errors);
        Assert.True(await ExistsAsync(connectionString, $"{ReadModelSchema.Live}.{ArticlesProjection.TableName}"), "db-apply creates the read model's tables");
        await ExecuteAsync(connectionString, $"drop schema {ReadModelSchema.Live} cascade");

        // When a worker is started on it with schema creation off.
        var refused = await CommandLine.RunWithAsync(new Dictionary<string, string> { [SchemaCreation.EnvironmentVariable] = "off" },
            folder, "run", "--db", connectionString, "--urls", "http://127.0.0.1:0");

        // Then it says so and exits with 4, and has created nothing.
        Assert.Equal(SchemaCreation.SchemaNotAppliedExitCode, refused.ExitCode);
        Assert.Contains("db-apply", Assert.Single(refused.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(await ExistsAsync(connectionString, $"{ReadModelSchema.Live}.model_info"));

        // When db-apply has run, a worker with creation off starts, finds the schema as it expects it, and projects.
        Assert.Equal(0, (await CommandLine.RunAsync(folder, "db-apply", "--db", connectionString)).ExitCode);
        await using var worker = await RunningWorker.StartAsync(connectionString, folder, schemaCreation: false);
        await worker.Services.GetRequiredService<DatabaseStartup>().AssertSchemaAppliedAsync(CancellationToken.None);
        await worker.DropAsync("a.txt", "Report\n\nAbout 2,500 US troops are in Iraq, officials said."u8.ToArray());
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
    }

    private static async Task<bool> ExistsAsync(string connectionString, string table)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("select to_regclass($1) is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
