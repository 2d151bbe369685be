using IngestWorker.Articles;
using IngestWorker.EventStore;
using IngestWorker.Hosting;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace IngestWorker.Tests.Database;

/// <summary>The schema stamp: a start with the schema as configured skips Marten's comparison; any other start still migrates.</summary>
public sealed class SchemaStampTests
{
    [Fact]
    public async Task A_schema_stamped_as_this_configuration_is_not_compared_again_at_the_next_start()
    {
        // Given a database a first start has created the schema in (compared, migrated, stamped).
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        Assert.True(await ApplyUnlessStampedAsync(connectionString), "the first start compares");

        // When a secondary index of the read model is dropped by hand, which only a comparison would see, and the worker starts again.
        var index = await ScalarAsync<string>(connectionString,
            $"select indexname from pg_indexes where schemaname = '{ReadModelSchema.Live}' and indexname not like '%pkey' and indexname <> 'model_info_rules_version' limit 1");
        await ExecuteAsync(connectionString, $"drop index {ReadModelSchema.Live}.{index}");
        var compared = await ApplyUnlessStampedAsync(connectionString);

        // Then it did not compare: the index is still missing (db-assert, which always compares, sees it).
        Assert.False(compared);
        Assert.False(await ScalarAsync<bool>(connectionString, $"select to_regclass('{ReadModelSchema.Live}.{index}') is not null"));
        await using var services = Services(connectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<IDocumentStore>().Storage.Database.AssertDatabaseMatchesConfigurationAsync());
    }

    [Fact]
    public async Task A_changed_configured_schema_is_compared_migrated_and_stamped_again()
    {
        // Given a database stamped by a start of this configuration.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        Assert.True(await ApplyUnlessStampedAsync(connectionString));

        // When a worker whose schema has one more table starts on it (an upgrade that adds one).
        var compared = await ApplyUnlessStampedAsync(connectionString, AddTable);

        // Then it compared and made the table, and stamped the new configuration: its next start compares no more.
        Assert.True(compared);
        Assert.True(await ScalarAsync<bool>(connectionString, $"select to_regclass('{LogStore.Schema}.added_by_an_upgrade') is not null"));
        Assert.False(await ApplyUnlessStampedAsync(connectionString, AddTable));
    }

    [Fact]
    public async Task A_read_model_dropped_by_hand_is_made_again_although_the_stamp_matches()
    {
        // Given a stamped database whose read model someone dropped to start it afresh.
        var connectionString = await DatabaseFixture.FreshDatabaseAsync();
        Assert.True(await ApplyUnlessStampedAsync(connectionString));
        await ExecuteAsync(connectionString, $"drop schema {ReadModelSchema.Live} cascade");

        // When the worker starts again.
        var compared = await ApplyUnlessStampedAsync(connectionString);

        // Then it saw the tables missing, compared, and made them again.
        Assert.True(compared);
        Assert.True(await ScalarAsync<bool>(connectionString, $"select to_regclass('{ReadModelSchema.Live}.{ArticlesProjection.TableName}') is not null"));
    }

    private static void AddTable(StoreOptions options)
    {
        var added = new Table($"{LogStore.Schema}.added_by_an_upgrade");
        added.AddColumn<int>("id").AsPrimaryKey();
        options.Storage.ExtendedSchemaObjects.Add(added);
    }

    /// <summary>One start's schema step, on a store configured as the worker's (plus <paramref name="extra"/>).</summary>
    private static async Task<bool> ApplyUnlessStampedAsync(string connectionString, Action<StoreOptions>? extra = null)
    {
        await using var services = Services(connectionString, extra);
        return await services.GetRequiredService<SchemaStamp>().ApplyUnlessStampedAsync(CancellationToken.None);
    }

    private static ServiceProvider Services(string connectionString, Action<StoreOptions>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestCore(connectionString, LoadedRules.Default);
        if (extra is not null)
        {
            services.ConfigureMarten(extra);
        }

        return services.BuildServiceProvider();
    }

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
