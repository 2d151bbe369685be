using System.Text.Json.Nodes;
using IngestWorker.Copies;
using IngestWorker.EventStore;
using IngestWorker.Tests.Support;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;

namespace IngestWorker.Tests.EventStore;

/// <summary>Articles are kept as JSON bytes (<see cref="JsonBytesSerializer"/>); those a log holds as jsonb from before still read.</summary>
public sealed class ArticleBytesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static ArticleReceived Article(string name) => new(
        name, "Troops leave the base", new DateOnly(2025, 9, 2), "The Outlet", "https://example.org/a",
        "Line one of the body.\nA \"quoted\" line with Arabic: العراق.", "hash-" + name, 321);

    /// <summary>The log's store as it was before articles were kept as bytes: every event in jsonb.</summary>
    private DocumentStore JsonbStore() => DocumentStore.For(options =>
    {
        options.Connection(database.DataSource);
        options.DatabaseSchemaName = LogStore.Schema;
        options.Events.DatabaseSchemaName = LogStore.Schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        EventCatalogue.Register(options);
    });

    [Fact]
    public void The_bytes_hold_the_JSON_Marten_writes_into_jsonb()
    {
        // Given Marten's serializer as the log configures it.
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        var article = Article("same-json.txt");

        // When both write the same article.
        var marten = JsonNode.Parse(options.Serializer().ToJson(article));
        var bytes = JsonBytesSerializer.Instance.Serialize(typeof(ArticleReceived), article);

        // Then the JSON is the same, and the bytes read back as the article.
        Assert.True(JsonNode.DeepEquals(marten, JsonNode.Parse(bytes)), $"Marten wrote {marten}, the bytes hold {JsonNode.Parse(bytes)}");
        Assert.Equal(article, JsonBytesSerializer.Instance.Deserialize(typeof(ArticleReceived), bytes));
    }

    [Fact]
    public async Task An_article_recorded_as_jsonb_before_and_one_recorded_as_bytes_both_read_back()
    {
        // Given an article recorded as jsonb, as workers before the byte column did.
        var before = Article($"before-{Guid.NewGuid():N}.txt");
        await using (var jsonbStore = JsonbStore())
        {
            await using var session = jsonbStore.LightweightSession();
            session.Events.StartStream(before.ContentHash, before);
            await session.SaveChangesAsync();
        }

        // When the log's store records another.
        var since = Article($"since-{Guid.NewGuid():N}.txt");
        await using (var session = database.Store.LightweightSession())
        {
            session.Events.StartStream(since.ContentHash, since);
            await session.SaveChangesAsync();
        }

        // Then each is where it was written, Marten reads both back whole, and so does SQL.
        await using var query = database.Store.QuerySession();
        Assert.Equal(before, (await query.Events.FetchStreamAsync(before.ContentHash)).Single().Data);
        Assert.Equal(since, (await query.Events.FetchStreamAsync(since.ContentHash)).Single().Data);

        await using var command = database.DataSource.CreateCommand(
            $"select stream_id, bdata is not null, {LogSql.EventJson}->>'body' from {LogSql.Events} where stream_id = any($1) order by seq_id");
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { before.ContentHash, since.ContentHash } });
        var rows = new List<(string Stream, bool AsBytes, string Body)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetString(2)));
            }
        }

        Assert.Equal([(before.ContentHash, false, before.Body), (since.ContentHash, true, since.Body)], rows);
    }

    [Fact]
    public async Task The_copy_index_reads_the_bodies_of_articles_kept_either_way()
    {
        // Given one report recorded as jsonb, as workers before the byte column did, and a copy of it recorded
        // since as bytes, with a line of its own and letters the JSON escapes.
        var report = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i * 7 % 60} of the report «{i}»"));
        var original = Article($"original-{Guid.NewGuid():N}.txt") with { Body = report };
        var copy = Article($"copy-{Guid.NewGuid():N}.txt") with { Body = "An outlet's own opening line.\n" + report, Published = new DateOnly(2025, 9, 3) };
        await using (var jsonbStore = JsonbStore())
        {
            await using var session = jsonbStore.LightweightSession();
            session.Events.StartStream(original.ContentHash, original);
            await session.SaveChangesAsync();
        }

        await using (var session = database.Store.LightweightSession())
        {
            session.Events.StartStream(copy.ContentHash, copy);
            await session.SaveChangesAsync();
        }

        // When the copy index reads the log.
        var copies = await new CopyIndex(database.DataSource).CopiesAsync(CancellationToken.None);

        // Then it read both bodies whole: the later is a copy of the earlier.
        Assert.Equal(original.ContentHash, copies[copy.ContentHash]);
    }
}
