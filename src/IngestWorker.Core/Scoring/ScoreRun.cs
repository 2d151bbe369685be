using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Scoring;

/// <summary>Reads article files as the inbox would, extracts their claims and scores them against a gold set.</summary>
public static class ScoreRun
{
    /// <summary>
    /// Scores <paramref name="paths"/>; each file's name must have an entry in the gold. Throws
    /// <see cref="GoldFileException"/> for a file that cannot be read, is refused, or has no gold entry.
    /// </summary>
    public static async Task<ScoreReport> ScoreFilesAsync(GoldSet gold, IReadOnlyList<string> paths, ExtractionRules rules, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(rules);

        var extracted = new List<(string, ArticleClaims)>();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (!gold.Articles.ContainsKey(name))
            {
                throw new GoldFileException($"{path}: the gold file has no entry named {name}.");
            }

            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new GoldFileException($"{path}: the file cannot be read ({e.Message}).", e);
            }

            var article = ArticleReader.Read(name, bytes, ct) switch
            {
                ArticleReadResult.Read read => read.Article,
                ArticleReadResult.Refused refused => throw new GoldFileException($"{path}: the inbox would refuse it ({refused.Reason})."),
                _ => throw new GoldFileException($"{path}: unreadable."),
            };
            extracted.Add((name, ClaimExtractor.Extract(article, rules)));
        }

        return ClaimScorer.Score(gold, extracted);
    }
}
