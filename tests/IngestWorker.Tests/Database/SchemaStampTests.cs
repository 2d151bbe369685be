using System.Text;
using IngestWorker.EventStore;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Postgresql.Tables;
using Wolverine;

namespace IngestWorker.Tests.Database;

/// <summary>The schema stamp: a worker's start with the schema as stamped compares nothing; any other start still migrates.</summary>
public sealed class SchemaStampTests
{
    private static readonly byte[] Article = Encoding.UTF8.GetBytes("Report\n\nAbout 2,500 US troops are in Iraq, officials said.");

    [Fact]
    public async Task A_worker_restarted_on_its_stamped_database_compares_neither_marten_nor_wolverine_schema_and_still_ingests()
    {
        // Given a database a first worker has created the schema in, and stamped once it had started.
        var connectionString = await StampedDatabaseAsync("stamp-first");

        // When a secondary index of the read model is dropped by hand, which only a comparison would see, and a worker starts again.
        var index = await ScalarAsync<string>(connectionString,
            $"select indexname from pg_indexes where schemaname = '{ReadModelSchema.Live}' and indexname not like '%pkey' and indexname <> 'model_info_rules_version' limit 1");
        await ExecuteAsync(connectionString, $"drop index {ReadModelSchema.Live}.{index}");
        await using var second = await RunningWorker.StartAsync(connectionString, Paths.Scratch("stamp-second"));

        // Then it compared nothing: the index is still missing, and Wolverine only probed its tables; and it ingests and lists.
        Assert.False(await ScalarAsync<bool>(connectionString, $"select to_regclass('{ReadModelSchema.Live}.{index}') is not null"));
        Assert.Equal(AutoCreate.None, second.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup);
        await IngestsAndListsAsync(second);

        // And its first bulk insert compared nothing either (Marten's would compare the whole schema and make the index again).
        Assert.False(await ScalarAsync<bool>(connectionString, $"select to_regclass('{ReadModelSchema.Live}.{index}') is not null"));
    }

    [Fact]
    public async Task Wolverine_tables_dropped_by_hand_are_made_again_at_the_next_start_despite_the_stamp()
    {
        // Given a stamped database whose Wolverine tables someone dropped.
        var connectionString = await StampedDatabaseAsync("stamp-wolverine-first");
        await ExecuteAsync(connectionString, $"drop schema {WorkerApp.WolverineSchema} cascade");

        // When a worker starts again.
        await using var second = await RunningWorker.StartAsync(connectionString, Paths.Scratch("stamp-wolverine-second"));

        // Then Wolverine migrated its storage at its start, and the worker ingests and lists.
        Assert.NotEqual(AutoCreate.None, second.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup);
        Assert.True(await ScalarAsync<bool>(connectionString, $"select to_regclass('{WorkerApp.WolverineSchema}.wolverine_incoming_envelopes') is not null"));
        await IngestsAndListsAsync(second);
    }

    [Fact]
    public async Task A_changed_configured_schema_does_not_match_the_stamp_and_a_worker_start_migrates_it()
    {
        // Given a database stamped by this configuration.
        var connectionString = await StampedDatabaseAsync("stamp-changed-first");
        var stamped = await StampAsync(connectionString);

        // When a worker whose schema has one more table starts on it (an upgrade that adds one).
        await using var upgraded = await RunningWorker.StartAsync(connectionString, Paths.Scratch("stamp-changed-second"),
            services: collection => collection.ConfigureMarten(AddTable));

        // Then it compared and made the table, Wolverine migrated too, and the new configuration is stamped.
        Assert.True(await ScalarAsync<bool>(connectionString, $"select to_regclass('{LogStore.Schema}.added_by_an_upgrade') is not null"));
        Assert.NotEqual(AutoCreate.None, upgraded.Services.GetRequiredService<WolverineOptions>().AutoBuildMessageStorageOnStartup);
        await Eventually.HoldsAsync(async () => await StampAsync(connectionString) is { } now && now != stamped, "the upgrade is stamped");
    }

    [Fact]
    public async Task A_read_model_dropped_by_hand_does_not_match_the_stamp()
    {
        // Given a stamped database whose read model someone dropped to start it afresh.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using var services = Services(connectionString);
        var stamp = services.GetRequiredService<SchemaStamp>();
        await services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var check = await stamp.CheckAsync([], [], CancellationToken.None);
        Assert.False(check.Matches, "nothing is stamped yet");
        await stamp.RecordAsync(check.Fingerprint!, CancellationToken.None);
        Assert.True((await stamp.CheckAsync([], [], CancellationToken.None)).Matches);
        await ExecuteAsync(connectionString, $"drop schema {ReadModelSchema.Live} cascade");

        // When the stamp is checked again.
        var after = await stamp.CheckAsync([], [], CancellationToken.None);

        // Then it does not match, so the start compares and makes the tables again.
        Assert.False(after.Matches);
        Assert.Equal(check.Fingerprint, after.Fingerprint);
    }

    /// <summary>A fresh database in which a first worker created the schema and stamped it once started, then stopped.</summary>
    private static async Task<string> StampedDatabaseAsync(string scratch)
    {
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        await using (var first = await RunningWorker.StartAsync(connectionString, Paths.Scratch(scratch)))
        {
            await Eventually.HoldsAsync(async () => await StampAsync(connectionString) is not null, "the first start is stamped");
        }

        return connectionString;
    }

    private static async Task IngestsAndListsAsync(RunningWorker worker)
    {
        await worker.DropAsync("a.txt", Article);
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 1, "the article is listed");
    }

    private static void AddTable(StoreOptions options)
    {
        var added = new Table($"{LogStore.Schema}.added_by_an_upgrade");
        added.AddColumn<int>("id").AsPrimaryKey();
        options.Storage.ExtendedSchemaObjects.Add(added);
    }

    private static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestCore(connectionString, LoadedRules.Default);
        return services.BuildServiceProvider();
    }

    private static async Task<string?> StampAsync(string connectionString) =>
        await ScalarAsync<bool>(connectionString, $"select to_regclass('{SchemaStamp.TableName}') is not null")
            ? await ScalarAsync<string>(connectionString, $"select fingerprint from {SchemaStamp.TableName}")
            : null;

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
