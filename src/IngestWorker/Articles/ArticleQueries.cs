using IngestWorker.Projections;
using Npgsql;

namespace IngestWorker.Articles;

/// <summary>One row of the articles read model, as <c>query articles</c> and <c>GET /api/articles</c> show it.</summary>
public sealed record ArticleSummary(
    string StreamId,
    string? Title,
    string? Outlet,
    DateOnly? Published,
    string FileName,
    DateTimeOffset ReceivedAt,
    string ContentHash,
    int BodyLength);

public sealed class ArticleQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Articles in the order they were received.</summary>
    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select stream_id, title, outlet, published, file_name, received_at, content_hash, body_length from {ReadModelSchema.Live}.articles order by seq");
        var articles = new List<ArticleSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            articles.Add(new ArticleSummary(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                reader.GetInt32(7)));
        }

        return articles;
    }
}
