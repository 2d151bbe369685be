using System.Text.Json;
using IngestWorker.EventStore;
using IngestWorker.Projections;
using IngestWorker.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IngestWorker.Tests.EventStore;

public sealed class LegacyLogMigrationTests
{
    [Fact]
    public async Task A_log_of_the_layout_before_Marten_is_moved_into_Marten_in_order_and_the_read_models_are_rebuilt_from_it()
    {
        // Given a database as the hand-written store left it: ingest.events with two articles, a rejection and the rules,
        // and a read model of the old shape.
        var connection = await DatabaseFixture.FreshDatabaseAsync();
        await CreateLegacyLogAsync(connection);

        // When the worker starts on it.
        await using var worker = await RunningWorker.StartAsync(connection, Paths.Scratch("legacy"));

        // Then every event is in Marten's tables, in its order and with its time, and the old tables are gone.
        await using var session = worker.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var all = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["rules", "article-aaa", "inbox", "article-bbb"], all.Select(e => e.StreamKey).Take(4));
        Assert.Equal(new DateTimeOffset(2025, 10, 2, 8, 0, 0, TimeSpan.Zero), all.Single(e => e.StreamKey == "article-bbb").Timestamp);
        Assert.Equal("Iraq drawdown goes on", ((ArticleReceived)all.Single(e => e.StreamKey == "article-aaa").Data).Title);
        Assert.False(await ExistsAsync(connection, "ingest.events"));

        // And the read models are rebuilt from the copied log.
        await Eventually.HoldsAsync(async () => (await worker.ArticlesAsync()).Count == 2, "both old articles are listed");
        var claims = worker.Services.GetRequiredService<Troops.TroopQueries>();
        await Eventually.HoldsAsync(async () => (await claims.TroopsAsync("Iraq", null, null, CancellationToken.None)).Count > 0, "the old articles' troop counts are projected");
    }

    private static async Task CreateLegacyLogAsync(string connectionString)
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            $"""
            create schema ingest;
            create table ingest.events (
                seq bigint generated always as identity primary key, stream_id text not null, version integer not null,
                type text not null, data jsonb not null, metadata jsonb not null default jsonb_build_object(),
                timestamp timestamptz not null default now(), tx_id xid8 not null default pg_current_xact_id(),
                constraint events_stream_version unique (stream_id, version));
            create table ingest.schema_migrations (version integer primary key, applied_at timestamptz not null default now());
            create schema {ReadModelSchema.Live};
            create table {ReadModelSchema.Live}.model_info (id integer primary key default 1, rules_version text not null, shape integer not null, built_at timestamptz not null default now());
            insert into {ReadModelSchema.Live}.model_info (rules_version, shape) values ('{LoadedRules.Default.Rules.Version}', 2);
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        (string Stream, int Version, string Type, object Data, DateTimeOffset At)[] events =
        [
            ("rules", 1, "RulesApplied", new RulesApplied(LoadedRules.Default.Rules.Version, LoadedRules.Default.Yaml, "built-in rules"), new(2025, 10, 1, 7, 0, 0, TimeSpan.Zero)),
            ("article-aaa", 1, "ArticleReceived", Received('a', "a.txt", "Iraq drawdown goes on", "About 2,500 US troops remain in Iraq, officials said."), new(2025, 10, 1, 8, 0, 0, TimeSpan.Zero)),
            ("inbox", 1, "ArticleRejected", new ArticleRejected("empty.txt", "the file is empty.", 0), new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero)),
            ("article-bbb", 1, "ArticleReceived", Received('b', "b.txt", "Syria and Iraq", "Roughly 2,000 US troops are in Iraq now."), new(2025, 10, 2, 8, 0, 0, TimeSpan.Zero)),
        ];
        foreach (var (stream, version, type, data, at) in events)
        {
            await using var insert = new NpgsqlCommand("insert into ingest.events (stream_id, version, type, data, timestamp) values ($1, $2, $3, $4::jsonb, $5)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = stream });
            insert.Parameters.Add(new NpgsqlParameter { Value = version });
            insert.Parameters.Add(new NpgsqlParameter { Value = type });
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(data, data.GetType(), web) });
            insert.Parameters.Add(new NpgsqlParameter { Value = at });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static ArticleReceived Received(char hash, string file, string title, string body) =>
        new(file, title, new DateOnly(2025, 10, 1), "Example Wire", null, body, "sha256:" + new string(hash, 64), body.Length);

    private static async Task<bool> ExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select to_regclass($1) is not null", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
