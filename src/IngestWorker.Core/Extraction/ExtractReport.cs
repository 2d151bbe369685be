using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IngestWorker.Core.Articles;

namespace IngestWorker.Core.Extraction;

/// <summary>
/// What the <c>extract</c> command does, minus its arguments: reads each file as the inbox would,
/// extracts its claims, and writes one JSON array in the shape of claims-contract.md.
/// </summary>
public static class ExtractReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes the report for <paramref name="paths"/>, one object per file in the order given.
    /// Returns the exit code: 1 when any file could not be read or was refused, else 0.
    /// </summary>
    /// <param name="read">
    /// Reads one file into an article or a refusal: the caller's, so a file is read with the same limits and
    /// refusals (size, devices, pipes) as the inbox's, and a read stops when <paramref name="ct"/> is cancelled.
    /// </param>
    public static async Task<int> WriteAsync(
        IReadOnlyList<string> paths, ExtractionRules rules, TextWriter output, Func<string, CancellationToken, Task<ArticleReadResult>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(read);

        var buffer = new ArrayBufferWriter<byte>();
        var failed = false;
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var path in paths)
            {
                ct.ThrowIfCancellationRequested();
                var result = await read(path, ct);
                switch (result)
                {
                    case ArticleReadResult.Read article:
                        WriteArticle(json, path, article.Article, rules);
                        break;
                    case ArticleReadResult.Refused refused:
                        failed = true;
                        WriteError(json, path, refused.Reason);
                        break;
                }
            }

            json.WriteEndArray();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), ct);
        await output.FlushAsync(ct);
        return failed ? 1 : 0;
    }

    private static void WriteArticle(Utf8JsonWriter json, string path, Article article, ExtractionRules rules)
    {
        var claims = ClaimExtractor.Extract(article, rules);
        json.WriteStartObject();
        json.WriteString("file", path);
        json.WriteStartObject("article");
        json.WriteString("title", article.Title);
        json.WriteString("published", article.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("outlet", article.Outlet);
        json.WriteString("contentHash", article.ContentHash);
        json.WriteEndObject();
        json.WriteString("rulesVersion", rules.Version);

        json.WriteStartArray("troopCounts");
        foreach (var count in claims.TroopCounts)
        {
            json.WriteStartObject();
            json.WriteString("force", count.Force);
            json.WriteString("location", count.Location);
            json.WriteString("site", count.Site);
            json.WriteString("kind", count.Kind.Word());
            json.WriteNumber("count", count.Count);
            json.WriteString("bound", count.Bound.Word());
            json.WriteString("asOf", count.AsOf);
            json.WriteString("quote", count.Quote);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("baseStatuses");
        foreach (var status in claims.BaseStatuses)
        {
            json.WriteStartObject();
            json.WriteString("base", status.Base);
            json.WriteString("status", status.Status.Word());
            json.WriteString("asOf", status.AsOf);
            json.WriteString("quote", status.Quote);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter json, string path, string reason)
    {
        json.WriteStartObject();
        json.WriteString("file", path);
        json.WriteString("error", reason);
        json.WriteEndObject();
    }
}
