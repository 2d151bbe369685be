using System.Globalization;
using IngestWorker.Copies;
using IngestWorker.Core.Paging;
using IngestWorker.Projections;
using Npgsql;
using NpgsqlTypes;

namespace IngestWorker.Articles;

/// <summary>One row of the articles read model, as <c>query articles</c> and <c>GET /api/articles</c> show it.</summary>
/// <param name="CopyOf">The original of the report this article copies (another outlet's publication of one wire text); null for an original.</param>
public sealed record ArticleSummary(
    string StreamId,
    string? Title,
    string? Outlet,
    DateOnly? Published,
    string FileName,
    DateTimeOffset ReceivedAt,
    string ContentHash,
    int BodyLength,
    ArticleOriginal? CopyOf = null);

/// <summary>The article a copy was taken from.</summary>
public sealed record ArticleOriginal(string StreamId, string? Title, string? Outlet, DateOnly? Published);

public sealed class ArticleQueries(NpgsqlDataSource dataSource, ICopies reports)
{
    private const string Articles = ReadModelSchema.Live + "." + ArticlesProjection.TableName;

    /// <summary>Every article in the order they were received.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(CancellationToken ct) =>
        (await PageAsync(null, null, null, null, int.MaxValue, ct)).Items;

    /// <summary>One page of articles in the order they were received; from/to filter on the published day (received, when undated).</summary>
    /// <param name="knownAt">The list as it was that day: the articles received by then.</param>
    public Task<Page<ArticleSummary>> PageAsync(DateOnly? from, DateOnly? to, DateOnly? knownAt, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        long? after = null;
        if (page.After is not null)
        {
            after = long.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
                : throw new BadPageRequestException("cursor is not one this worker gave out; start again without it.");
        }

        return PageAsync(from, to, knownAt, after, page.Limit, ct);
    }

    private async Task<Page<ArticleSummary>> PageAsync(DateOnly? from, DateOnly? to, DateOnly? knownAt, long? after, int limit, CancellationToken ct)
    {
        const string Filters = """
            ($1::date is null or coalesce(published, received_at::date) >= $1)
              and ($2::date is null or coalesce(published, received_at::date) <= $2)
              and ($3::date is null or received_at::date <= $3)
            """;
        await using var batch = dataSource.CreateBatch();
        var rows = new NpgsqlBatchCommand($"""
            select stream_id, title, outlet, published, file_name, received_at, content_hash, body_length, seq
            from {Articles}
            where {Filters} and ($4::bigint is null or seq > $4)
            order by seq
            limit $5
            """);
        var count = new NpgsqlBatchCommand($"select count(*) from {Articles} where {Filters}");
        foreach (var command in new[] { rows, count })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)knownAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        }

        rows.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        rows.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit == int.MaxValue ? long.MaxValue : limit + 1L });
        batch.BatchCommands.Add(rows);
        batch.BatchCommands.Add(count);

        var copies = await reports.CopiesAsync(ct);
        var articles = new List<(ArticleSummary Article, long Seq)>();
        long total;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                articles.Add((new ArticleSummary(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                    reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetString(6),
                    reader.GetInt32(7)), reader.GetInt64(8)));
            }

            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            total = reader.GetInt64(0);
        }

        var more = articles.Count > limit;
        var items = articles.Take(limit).ToList();
        var withOriginals = await OriginalsAsync(items.Select(a => a.Article).ToList(), copies, ct);
        return new Page<ArticleSummary>(withOriginals, (int)total, limit == int.MaxValue ? items.Count : limit,
            more ? PageRequest.Encode(items[^1].Seq.ToString(CultureInfo.InvariantCulture)) : null);
    }

    /// <summary>Names the original of every copy on the page, read in one query.</summary>
    private async Task<IReadOnlyList<ArticleSummary>> OriginalsAsync(List<ArticleSummary> articles, IReadOnlyDictionary<string, string> copies,
        CancellationToken ct)
    {
        var wanted = articles.Select(a => copies.GetValueOrDefault(a.StreamId)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return articles;
        }

        await using var command = dataSource.CreateCommand($"select stream_id, title, outlet, published from {Articles} where stream_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = wanted });
        var originals = new Dictionary<string, ArticleOriginal>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                originals[reader.GetString(0)] = new ArticleOriginal(reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
            }
        }

        return articles.Select(a => copies.GetValueOrDefault(a.StreamId) is { } original
            ? a with { CopyOf = originals.GetValueOrDefault(original) ?? new ArticleOriginal(original, null, null, null) }
            : a).ToList();
    }
}
